"""Export of documents: the options dialog, the background write and the done dialog."""
