"""The engine adapter: everything that knows MkDocs or Material lives here."""
