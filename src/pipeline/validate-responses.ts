import { extractResults } from '../domain/extract-results.js';
import { parseListing } from '../domain/parse-listing.js';
import { jsonDocuments } from '../domain/split-json-documents.js';
import { RealtyError } from '../errors.js';

/** What a saved response file holds, as the transform would see it. */
export interface FileValidation {
  /** JSON documents read (those before a malformed one, when there is one). */
  documents: number;
  /** Results that parse into a listing record. */
  accepted: number;
  /** Results the transform would dead-letter. */
  rejected: number;
  /** Rejections counted by `reason@path`; a record with several problems counts each. */
  reasons: Record<string, number>;
  /** What kept documents from being read: malformed JSON, API error bodies, unknown envelopes. */
  errors: string[];
}

/** The observation the results are parsed as; the search area defaults to the source (e.g. the file name). */
export interface ValidationContext {
  source: string;
  observedAt: number;
  searchArea?: string;
}

/** Parses every listing of a saved response file (one or several JSON documents) and counts what would fail. */
export function validateResponseText(text: string, context: ValidationContext): FileValidation {
  const report: FileValidation = { documents: 0, accepted: 0, rejected: 0, reasons: {}, errors: [] };
  const parseContext = {
    source: context.source,
    searchArea: context.searchArea ?? context.source,
    observedAt: context.observedAt,
  };
  try {
    for (const document of jsonDocuments(text)) {
      report.documents++;
      checkDocument(document, report, parseContext);
    }
  } catch (error) {
    if (!(error instanceof RealtyError)) throw error;
    report.errors.push(error.message);
  }
  if (report.documents === 0 && report.errors.length === 0) {
    report.errors.push('the file holds no JSON document; expected saved Realtor API responses');
  }
  return report;
}

function checkDocument(
  document: unknown,
  report: FileValidation,
  context: { source: string; searchArea: string; observedAt: number },
): void {
  const where = `document ${report.documents}`;
  let extracted: ReturnType<typeof extractResults>;
  try {
    extracted = extractResults(document);
  } catch (error) {
    if (!(error instanceof RealtyError)) throw error;
    report.errors.push(`${where}: ${error.message}`);
    return;
  }
  if (extracted.kind === 'api_error') {
    report.errors.push(
      `${where}: an API error body (${extracted.error}, ${extracted.code}): "${extracted.message}"`,
    );
    return;
  }
  for (const raw of extracted.results) {
    const parsed = parseListing(raw, context);
    if (parsed.ok) {
      report.accepted++;
      continue;
    }
    report.rejected++;
    for (const { reason, path } of parsed.rejections) {
      const key = `${reason}@${path}`;
      report.reasons[key] = (report.reasons[key] ?? 0) + 1;
    }
  }
}
