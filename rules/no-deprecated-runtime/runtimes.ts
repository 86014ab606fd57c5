// AWS Lambda managed runtimes and their deprecation dates, from the AWS Lambda Developer Guide page
// "Lambda runtimes" (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html), tables
// "Supported runtimes" and "Deprecated runtimes": deprecation date, "Block function create" and
// "Block function update". Dates are UTC days. `blocked: 'past'` records a runtime deprecated long
// ago whose create and update blocks the page lists, both past by the `checked` date.
//
// Keep it current: a test fails when `checked` is more than a year old. Check the page again, update
// the rows and the date.
export const RUNTIME_TABLE = {
  source: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
  checked: '2026-12-02',
};

export interface RuntimeRow {
  id: string;
  /** The language family: the replacement is the newest supported runtime of the same family. */
  family: 'nodejs' | 'python' | 'java' | 'dotnet' | 'ruby' | 'provided' | 'go';
  deprecated: string;
  blockCreate?: string;
  blockUpdate?: string;
  blocked?: 'past';
}

const row = (id: string, family: RuntimeRow['family'], deprecated: string, blockCreate?: string, blockUpdate?: string): RuntimeRow => ({ id, family, deprecated, blockCreate, blockUpdate });
const old = (id: string, family: RuntimeRow['family'], deprecated: string): RuntimeRow => ({ id, family, deprecated, blocked: 'past' });

export const RUNTIMES: RuntimeRow[] = [
  // Supported
  row('nodejs24.x', 'nodejs', '2028-04-30', '2028-06-01', '2028-07-01'),
  row('nodejs22.x', 'nodejs', '2027-04-30', '2027-06-01', '2027-07-01'),
  row('nodejs20.x', 'nodejs', '2026-04-30', '2026-06-01', '2026-07-01'),
  row('python3.14', 'python', '2029-06-30', '2029-07-31', '2029-08-31'),
  row('python3.13', 'python', '2029-06-30', '2029-07-31', '2029-08-31'),
  row('python3.12', 'python', '2028-10-31', '2028-11-30', '2029-01-10'),
  row('python3.11', 'python', '2026-06-30', '2026-07-31', '2026-08-31'),
  row('python3.10', 'python', '2026-06-30', '2026-07-31', '2026-08-31'),
  row('java25', 'java', '2029-06-30', '2029-07-31', '2029-08-31'),
  row('java21', 'java', '2029-06-30', '2029-07-31', '2029-08-31'),
  row('java17', 'java', '2026-06-30', '2026-07-31', '2026-08-31'),
  row('java11', 'java', '2026-06-30', '2026-07-31', '2026-08-31'),
  row('java8.al2', 'java', '2026-06-30', '2026-07-31', '2026-08-31'),
  row('dotnet10', 'dotnet', '2028-11-14', undefined, '2029-01-15'),
  row('dotnet8', 'dotnet', '2026-11-10', '2026-12-10', '2027-01-11'),
  row('ruby3.4', 'ruby', '2028-03-31', undefined, '2028-05-31'),
  row('ruby3.3', 'ruby', '2027-03-31', '2027-04-30', '2027-05-31'),
  row('ruby3.2', 'ruby', '2026-03-31', '2026-04-30', '2026-05-31'),
  row('provided.al2023', 'provided', '2029-06-30', '2029-07-31', '2029-08-31'),
  row('provided.al2', 'provided', '2026-06-30', '2026-07-31', '2026-08-31'),
  // Deprecated
  row('python3.9', 'python', '2025-12-15', '2026-01-15', '2026-02-15'),
  row('nodejs18.x', 'nodejs', '2025-09-01', '2025-10-01', '2025-11-01'),
  old('dotnet6', 'dotnet', '2024-11-12'),
  old('python3.8', 'python', '2024-10-14'),
  old('nodejs16.x', 'nodejs', '2024-06-12'),
  old('dotnet7', 'dotnet', '2024-05-14'),
  old('java8', 'java', '2024-01-08'),
  old('go1.x', 'go', '2024-01-08'),
  old('provided', 'provided', '2024-01-08'),
  row('nodejs14.x', 'nodejs', '2023-12-04', '2024-01-09', '2024-02-08'),
  old('python3.7', 'python', '2023-12-04'),
  old('ruby2.7', 'ruby', '2023-12-07'),
  old('dotnetcore3.1', 'dotnet', '2023-04-03'),
  old('nodejs12.x', 'nodejs', '2023-03-31'),
  old('python3.6', 'python', '2022-07-18'),
  old('dotnet5.0', 'dotnet', '2022-05-10'),
  old('dotnetcore2.1', 'dotnet', '2022-01-05'),
  old('nodejs10.x', 'nodejs', '2021-07-30'),
  old('ruby2.5', 'ruby', '2021-07-30'),
  old('python2.7', 'python', '2021-07-15'),
  old('nodejs8.10', 'nodejs', '2020-03-06'),
  old('nodejs4.3', 'nodejs', '2020-03-05'),
  old('nodejs4.3-edge', 'nodejs', '2020-03-05'),
  old('nodejs6.10', 'nodejs', '2019-08-12'),
  old('dotnetcore1.0', 'dotnet', '2019-07-27'),
  old('dotnetcore2.0', 'dotnet', '2019-05-30'),
  old('nodejs', 'nodejs', '2016-10-31'),
];

export type RuntimeStatus =
  | { level: 'current' }
  | { level: 'soon'; days: number; row: RuntimeRow } // deprecated within 90 days
  | { level: 'deprecated'; row: RuntimeRow } // past deprecation, updates still allowed
  | { level: 'blocked'; row: RuntimeRow }; // past the block-update date

const DAY = 86_400_000;
export const SOON_DAYS = 90;

const utc = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** The status of a runtime identifier on a given day; `current` for identifiers the table does not know. */
export function runtimeStatus(id: string, today: Date): RuntimeStatus {
  const r = RUNTIMES.find((x) => x.id === id);
  if (!r) return { level: 'current' };
  const now = today.getTime();
  if (r.blocked === 'past' || (r.blockUpdate && now >= utc(r.blockUpdate))) return { level: 'blocked', row: r };
  if (now >= utc(r.deprecated)) return { level: 'deprecated', row: r };
  const days = Math.ceil((utc(r.deprecated) - now) / DAY);
  return days <= SOON_DAYS ? { level: 'soon', days, row: r } : { level: 'current' };
}

/** The newest runtime of the same language that is not deprecated on that day (Go moved to the OS-only runtime). */
export function replacementFor(id: string, today: Date): string | undefined {
  const r = RUNTIMES.find((x) => x.id === id);
  if (!r) return undefined;
  const family = r.family === 'go' ? 'provided' : r.family;
  const candidates = RUNTIMES.filter((x) => x.family === family && runtimeStatus(x.id, today).level === 'current');
  candidates.sort((a, b) => utc(b.deprecated) - utc(a.deprecated) || b.id.localeCompare(a.id, 'en', { numeric: true }));
  return candidates[0]?.id;
}
