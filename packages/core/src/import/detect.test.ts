import { describe, expect, it } from 'vitest';
import { formatFixture, timelineCsv } from '../testing/fixtures.ts';
import { generateFile } from '../testing/generate.ts';
import { detectFormat } from './detect.ts';
import { IMPORT_FORMATS } from './preview.ts';

describe('format detection from content', () => {
  it.each([
    ['thehive5_timeline_CONSTRUCTED.json', 'thehive5'],
    ['thehive5_custom_event_input.json', 'thehive5'],
    ['thehive4_task_log_create_response.json', 'thehive4'],
    ['iris_timeline_import_sample.csv', 'iris'],
    ['iris_timeline_export_header.csv', 'iris'],
    ['iris_event_object_sample.json', 'iris'],
    ['splunk_results_output_mode_json.json', 'splunk'],
    ['splunk_export_stream.jsonl', 'splunk'],
    ['splunk_intersplunk_csv_header.csv', 'splunk'],
    ['elastic_alert_doc_excerpt_ILLUSTRATIVE.json', 'elastic'],
    ['servicenow_incident_table_api_v2.json', 'servicenow'],
  ])('%s → %s', (file, format) => {
    expect(detectFormat(formatFixture(file))).toBe(format);
  });

  it('falls back to generic for Causeway CSVs and unknown shapes', () => {
    expect(detectFormat(timelineCsv('circleci_2023_01_04_security_incident'))).toBe('generic');
    expect(detectFormat('[{"when":"x","what":"y"}]')).toBe('generic');
    expect(detectFormat('{"a":')).toBe('generic');
  });

  it('recognises every generated 50,000-row file as its own format', () => {
    for (const f of IMPORT_FORMATS) expect(detectFormat(generateFile(f, 3))).toBe(f);
  });
});
