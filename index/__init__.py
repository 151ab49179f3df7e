"""The communique engine: documents, chunks, embeddings, store, search, answers."""
