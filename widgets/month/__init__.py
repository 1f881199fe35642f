"""The Month tab: month-end across clients, the days behind each line, and the invoices."""
