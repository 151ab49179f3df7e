"""communique's surfaces: command line, terminal chat, Discord bot."""
