"""Files to typed models: the models, YAML with line numbers, loading, messages, schemas, images."""
