/** The published RCA export schema, compiled once, for every test that checks an export. */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import schema from '../../../../docs/schema/rca-export.schema.json';

// ajv-formats is CommonJS; under ESM its default export may arrive wrapped once more.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule })
  .default ?? addFormatsModule) as typeof addFormatsModule;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);

/** Validates against docs/schema/rca-export.schema.json; returns ajv's errors (empty when valid). */
export function rcaSchemaErrors(value: unknown): unknown[] {
  const validate = ajv.compile(schema);
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
