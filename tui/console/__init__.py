"""Rich renderers shared by the command line and the browser; this package imports no Textual."""
