"""polars on a parquet copy of the data (bench/prepare.sh writes it).

    python3 polars_parquet.py Q1..Q6 PARQUETDIR

Runs the harness's own polars peer (peers/polars_peer.py) with its CSV readers
swapped for the parquet ones, so the queries are the harness's, word for word.
The parquet files hold `value` (and the wide file's marker columns) as text,
as the CSV readers were told to read them, so the same casts apply.
"""
import os
import runpy
import sys

import polars as pl

peer = os.path.join(os.environ["BENCH_HARNESS"], "peers", "polars_peer.py")


def parquet(path):
    return path[: -len(".csv")] + ".parquet"


pl.scan_csv = lambda path, **_: pl.scan_parquet(parquet(path))
pl.read_csv = lambda path, **_: pl.read_parquet(parquet(path))
sys.argv = [peer] + sys.argv[1:]
runpy.run_path(peer, run_name="__main__")
