"""The JSON shape of every command, one module per command family: a TypedDict per shape and
one function that builds it from the typed storage record. The README's table of commands is
generated from these types, and a test keeps the output, the types and the README equal."""
