"""datacompy on the diff benchmark's tickets: the snapshot's expected ticket fields against the export's.

Usage: diff_datacompy.py SNAPSHOT_CSV_DIR EXPORT_DIR

Reads SNAPSHOT_CSV_DIR/tickets.csv (syncro_ticket_id, exp_*) and EXPORT_DIR/tickets.csv (id and the same eight
fields) with pandas' defaults, joins them on the Syncro ticket id with datacompy and builds its report, as a user
comparing the two files would. Prints one JSON object: the time from the first read to the finished report, the
rows that differ or are on one side only, and the process's peak RSS.
"""

import json
import resource
import sys
import time

import datacompy
import pandas as pd

FIELDS = ["subject", "status", "priority", "problem_type", "contact_id", "user_id", "due_date", "customer_id"]


def main(snapshot_dir: str, export_dir: str) -> None:
    start = time.perf_counter()
    snapshot = pd.read_csv(
        f"{snapshot_dir}/tickets.csv", usecols=["syncro_ticket_id"] + [f"exp_{f}" for f in FIELDS]
    ).rename(columns={"syncro_ticket_id": "id", **{f"exp_{f}": f for f in FIELDS}})
    export = pd.read_csv(f"{export_dir}/tickets.csv", usecols=["id"] + FIELDS)
    compare_class = getattr(datacompy, "PandasCompare", None) or datacompy.Compare
    comparison = compare_class(snapshot, export, join_columns="id", df1_name="snapshot", df2_name="export")
    comparison.report()
    result = {
        "seconds": time.perf_counter() - start,
        "mismatched_rows": int(len(comparison.all_mismatch())),
        "only_in_snapshot": int(len(comparison.df1_unq_rows)),
        "only_in_export": int(len(comparison.df2_unq_rows)),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "datacompy": datacompy.__version__,
        "pandas": pd.__version__,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
