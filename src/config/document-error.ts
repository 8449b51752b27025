/** A YAML or JSON file that does not fit its schema; the message names file, line and field. */
export class DocumentError extends Error {}
