"""What the API and the pages share about HTTP: the running application as a dependency, the reader's language."""
