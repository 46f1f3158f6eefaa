"""Sums the Surefire XML reports of every module: tests run, failed, skipped, and why each skipped test skipped.

Usage: python3 bin/lib/surefire_summary.py [REPOSITORY_ROOT]. Prints one line of counts, then one line per
distinct skip reason with how many tests gave it. Exit 0; the Maven build itself fails on a failing test.
"""
import collections
import glob
import os
import sys
import xml.etree.ElementTree as ET


def reason(skip):
    """Why a test skipped: the report's message attribute, or else the first line of the text Surefire keeps
    (a JUnit assumption's "TestAbortedException: Assumption failed: <reason>")."""
    text = (skip.get("message") or skip.text or "").strip()
    if not text:
        return "no reason given"
    first = text.splitlines()[0]
    for marker in ("Assumption failed: ", "TestAbortedException: "):
        if marker in first:
            first = first.split(marker, 1)[1]
            break
    return first.strip() or "no reason given"


def main() -> int:
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    run = failed = skipped = 0
    reasons: collections.Counter = collections.Counter()
    for report in sorted(glob.glob(os.path.join(root, "*", "target", "surefire-reports", "TEST-*.xml"))):
        suite = ET.parse(report).getroot()
        for case in suite.iter("testcase"):
            run += 1
            if case.find("failure") is not None or case.find("error") is not None:
                failed += 1
            skip = case.find("skipped")
            if skip is not None:
                skipped += 1
                reasons[reason(skip)] += 1
    print(f"java_run={run} java_failed={failed} java_skipped={skipped}")
    for message, count in reasons.most_common():
        print(f"  skipped {count}: {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
