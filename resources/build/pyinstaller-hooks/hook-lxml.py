"""Replaces the hook that collects every lxml module: python-docx reads and writes with
lxml.etree only, and the others (objectify, html, sax…) would add 4 MB to the bundle."""

hiddenimports = ["lxml.etree", "lxml._elementpath"]
