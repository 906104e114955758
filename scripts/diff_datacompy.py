"""datacompy on the diff benchmark's CSVs: the snapshot's expected ticket fields (and comments) against the export's.

Usage: diff_datacompy.py SNAPSHOT_CSV_DIR EXPORT_DIR [--with-comments]

Reads SNAPSHOT_CSV_DIR/tickets.csv (syncro_ticket_id, exp_*) and EXPORT_DIR/tickets.csv (id and the same eight
fields) with pandas' defaults, joins them on the Syncro ticket id with datacompy and builds its report, as a user
comparing the two files would. With --with-comments it then does the same for comments.csv, joined on the Syncro
comment id and comparing `hidden` and `subject` (the snapshot holds body hashes and the export bodies, so bodies
cannot be compared without the tool's normalisation). Prints one JSON object: the time from the first read to
the finished report(s), the rows that differ or are on one side only, and the process's peak RSS.
"""

import json
import resource
import sys
import time

import datacompy
import pandas as pd

FIELDS = ["subject", "status", "priority", "problem_type", "contact_id", "user_id", "due_date", "customer_id"]


def compare_comments(snapshot_dir: str, export_dir: str, compare_class) -> dict:
    snapshot = pd.read_csv(
        f"{snapshot_dir}/comments.csv", usecols=["syncro_comment_id", "hidden", "subject"]
    ).rename(columns={"syncro_comment_id": "id"})
    export = pd.read_csv(f"{export_dir}/comments.csv", usecols=["id", "hidden", "subject"])
    comparison = compare_class(snapshot, export, join_columns="id", df1_name="snapshot", df2_name="export")
    comparison.report()
    return {
        "comment_mismatched_rows": int(len(comparison.all_mismatch())),
        "comments_only_in_snapshot": int(len(comparison.df1_unq_rows)),
        "comments_only_in_export": int(len(comparison.df2_unq_rows)),
    }


def main(snapshot_dir: str, export_dir: str, with_comments: bool) -> None:
    start = time.perf_counter()
    snapshot = pd.read_csv(
        f"{snapshot_dir}/tickets.csv", usecols=["syncro_ticket_id"] + [f"exp_{f}" for f in FIELDS]
    ).rename(columns={"syncro_ticket_id": "id", **{f"exp_{f}": f for f in FIELDS}})
    export = pd.read_csv(f"{export_dir}/tickets.csv", usecols=["id"] + FIELDS)
    compare_class = getattr(datacompy, "PandasCompare", None) or datacompy.Compare
    comparison = compare_class(snapshot, export, join_columns="id", df1_name="snapshot", df2_name="export")
    comparison.report()
    tickets_seconds = time.perf_counter() - start
    extra = compare_comments(snapshot_dir, export_dir, compare_class) if with_comments else {}
    result = {
        "seconds": time.perf_counter() - start,
        "tickets_seconds": tickets_seconds,
        "mismatched_rows": int(len(comparison.all_mismatch())),
        "only_in_snapshot": int(len(comparison.df1_unq_rows)),
        "only_in_export": int(len(comparison.df2_unq_rows)),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "datacompy": datacompy.__version__,
        "pandas": pd.__version__,
        **extra,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], "--with-comments" in sys.argv[3:])
