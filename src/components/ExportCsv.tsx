export interface ExportCsvProps {
  /** Whether a filter hides some rows: then "Export shown" is offered beside "Export CSV" (all rows). */
  filtered: boolean;
  onExport: (onlyShown: boolean) => void;
}

/** The export buttons of a table's toolbar. */
export function ExportCsv({ filtered, onExport }: ExportCsvProps) {
  return (
    <>
      <button type="button" className="takhin-button" onClick={() => onExport(false)}>
        Export CSV
      </button>
      {filtered && (
        <button type="button" className="takhin-button" onClick={() => onExport(true)}>
          Export shown
        </button>
      )}
    </>
  );
}
