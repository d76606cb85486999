/** The report's whole style sheet, inlined so the file opens anywhere without fetching anything. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6475; --line: #e3e6ec; --accent: #1f6feb; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 Helvetica, Arial, sans-serif; color: var(--ink); background: #f6f7f9; }
header { padding: 20px 32px 12px; background: #fff; border-bottom: 1px solid var(--line); }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p, figcaption p, footer { color: var(--muted); margin: 0; }
main { padding: 16px 32px; }
h2 { font-size: 16px; margin: 8px 0; } h2 small { color: var(--muted); font-weight: normal; }
.cards .grid { display: grid; grid-template-columns: repeat(6, minmax(120px, 1fr)); gap: 10px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.card b { display: block; font-size: 20px; } .card span { color: var(--muted); font-size: 12px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(600px, 1fr)); gap: 14px; margin-top: 16px; }
figure { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px; overflow-x: auto; }
figcaption h3 { margin: 0; font-size: 15px; } figcaption p { font-size: 12px; margin-bottom: 6px; }
figure svg { max-width: 100%; height: auto; }
.tables { display: grid; grid-template-columns: 1fr; gap: 14px; margin-top: 16px; }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); font-size: 13px; }
caption { text-align: left; font-weight: bold; padding: 8px 0; }
th, td { padding: 6px 8px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
th { background: #f0f2f5; font-weight: 600; } td a { color: var(--accent); text-decoration: none; }
.partial-weeks { margin-top: 8px; color: var(--muted); font-size: 12px; } .partial-weeks ul { margin: 4px 0 0; padding-left: 18px; }
.empty { color: var(--muted); font-style: italic; }
footer { padding: 12px 32px 24px; font-size: 12px; }
`;
