"""The ``newsvoices`` command line. Every documented error ends in one line on stderr
naming the file and the problem, and a non-zero exit status — never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path

from .analysis import analyze
from .errors import NewsvoicesError
from .output import write_tables


def _cmd_analyze(args: argparse.Namespace) -> int:
    analysis = analyze(args.path)
    tables = analysis.tables()
    if args.json or not args.out:
        payload = {"article": analysis.article.metadata(),
                   **{name: json.loads(df.to_json(orient="records")) for name, df in tables.items()}}
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=1 if args.json else None)
        sys.stdout.write("\n")
    if args.out:
        out = write_tables(tables, Path(args.out))
        print(f"wrote {len(tables)} tables to {out}", file=sys.stderr)
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import build_report

    out = build_report(args.article, args.out)
    print(f"report written to {out.resolve()}/index.html")
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    if args.dataset == "polnear":
        from .evaluation.polnear import evaluate_polnear

        result = evaluate_polnear(args.path, limit=args.limit, progress=True)
    else:
        from .evaluation.newsmtsc import evaluate_newsmtsc

        result = evaluate_newsmtsc(args.path, limit=args.limit)
    print(result.summary())
    return 0


def _cmd_batch(args: argparse.Namespace) -> int:
    from .batch import analyze_many, check_output, expand_paths, write_result

    check_output(args.out, expand_paths(args.paths))  # before hours of work, not after
    try:
        result = analyze_many(args.paths, workers=args.workers, progress=not args.quiet)
    except KeyboardInterrupt:
        # The workers were stopped mid-task (nothing is written yet). Python's own exit would
        # wait for the pool's threads, which a stopped worker can leave blocked: leave at once.
        print("newsvoices: interrupted", file=sys.stderr)
        sys.stderr.flush()
        os._exit(130)
    files = write_result(result, Path(args.out))
    ok = int((result.articles["status"] == "ok").sum())
    print(f"analysed {ok} of {len(result.articles)} articles; wrote {result.main_table} to {files[result.main_table]} "
          f"and {len(files) - 1} more tables beside it", file=sys.stderr)
    if result.failures:
        print(f"newsvoices: {len(result.failures)} article(s) failed (status 'failed' in "
              f"{files['articles'].name})", file=sys.stderr)
    return 0 if not result.failures else (1 if ok else 2)


def _cmd_bench(args: argparse.Namespace) -> int:
    from .bench import run_bench

    return run_bench(quick=args.quick, articles=args.articles)


def _at_least_one(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    parser = argparse.ArgumentParser(prog="newsvoices", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("analyze", help="analyse one article and write its tables")
    p.add_argument("path", help="article file (.txt, .md, .html) or - for standard input")
    p.add_argument("--out", metavar="DIR", help="write one CSV per table into DIR")
    p.add_argument("--json", action="store_true", help="print every table as JSON on stdout")
    p.set_defaults(func=_cmd_analyze)

    p = sub.add_parser("report", help="run every notebook on an article and render HTML")
    p.add_argument("article", help="article file (.txt, .md, .html) or - for standard input")
    p.add_argument("--out", metavar="DIR", help="output folder (default: reports/<article-slug>/)")
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("evaluate", help="score the analysis against an annotated data set",
                       description="polnear DIR: speech attribution against a PolNeAR-format folder "
                                   "(text/*.txt, attributions/*.ann). newsmtsc FILE: stance_toward against "
                                   "NewsMTSC jsonl (polarity toward a named person).")
    p.add_argument("dataset", choices=["polnear", "newsmtsc"], help="which data set format")
    p.add_argument("path", help="PolNeAR folder (e.g. .../polnear/dev) or NewsMTSC .jsonl file")
    p.add_argument("--limit", type=_at_least_one, metavar="N", help="only the first N articles or sentences")
    p.set_defaults(func=_cmd_evaluate)

    p = sub.add_parser("batch", help="analyse many articles into pooled CSV or Parquet tables",
                       description="Analyse every article in PATHS (files, folders, globs) in parallel. FILE gets "
                                   "one row per utterance; every other table goes beside it as <stem>_<table>.<ext>, "
                                   "with <stem>_articles listing each article's status. A failing article is "
                                   "reported and skipped. Exit status 0: all analysed; 1: some failed; 2: none.")
    p.add_argument("paths", nargs="+", metavar="PATHS", help="article files, folders or glob patterns")
    p.add_argument("--out", metavar="FILE", required=True, help="output file ending in .csv or .parquet")
    p.add_argument("--workers", type=int, metavar="N", help="worker processes (default: all cores; 1 = no pool)")
    p.add_argument("--quiet", action="store_true", help="no progress bar or per-article failure lines")
    p.set_defaults(func=_cmd_batch)

    p = sub.add_parser("bench", help="measure analysis speed against the tokenize+score floor, batch scaling, growth")
    p.add_argument("--quick", action="store_true", help="a small, fast run (smoke test)")
    p.add_argument("--articles", nargs="+", metavar="PATHS",
                   help="also measure analyze against the floor on these articles (files, folders, globs)")
    p.set_defaults(func=_cmd_bench)
    return parser


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # `kill`: clean up (temporary output, worker processes) as on Ctrl-C


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``newsvoices`` command."""
    args = build_parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        return args.func(args)
    except NewsvoicesError as exc:
        print(f"newsvoices: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 1
    except OSError as exc:  # writing to a full disk (`> /dev/full`) and the like
        print(f"newsvoices: error: {exc.filename or 'output'}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newsvoices: interrupted", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
