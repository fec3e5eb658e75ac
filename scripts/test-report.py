#!/usr/bin/env python3
"""The end of scripts/test.sh's output: each failed test or operation with the tail of its
output, then their names, read from the JUnit reports of nextest and schemathesis.

    test-report.py LABEL=FILE ...

Prints the details, then one line per label that failed ("LABEL: name, name"); writes the
totals of passed and failed test cases to the file named by $REPORT_TOTALS as "P F".
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

TAIL = 40
# A backtrace's frames ("  12: name", "      at file:line"): long, and rarely the news.
FRAME = re.compile(r"^\s+(\d+: |at )")


def cases(path):
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return None
    return root.iter("testcase")


def tail(text, n=TAIL):
    lines = (text or "").rstrip().splitlines()
    cut = len(lines) - n
    shown = lines[-n:] if cut > 0 else lines
    return (["  … (%d lines above)" % cut] if cut > 0 else []) + ["  " + l for l in shown]


def panics(text):
    """Each "panicked at" line with its message, up to the backtrace."""
    out, keep = [], 0
    for line in (text or "").splitlines():
        if "panicked at" in line:
            keep = 20
        elif line.startswith(("stack backtrace:", "note: ")):
            keep = 0
        if keep:
            out.append("  " + line)
            keep -= 1
    return out


def details(problem, case):
    """What a reader needs to see of one failure: the panics, else the output's tail."""
    err = case.findtext("system-err") or ""
    out = case.findtext("system-out") or ""
    found = panics(err) or panics(out)
    if found:
        return found
    text = "\n".join(t for t in (problem.text, out, err) if t and t.strip())
    return tail("\n".join(l for l in text.splitlines() if not FRAME.match(l)))


def main(args):
    passed = failed = 0
    names = []
    for arg in args:
        label, _, path = arg.partition("=")
        found = cases(path)
        if found is None:
            continue
        failing = []
        for case in found:
            problem = case.find("failure")
            if problem is None:
                problem = case.find("error")
            if problem is None:
                if case.find("skipped") is None:
                    passed += 1
                continue
            failed += 1
            name = case.get("name", "?")
            failing.append(name)
            print("\n--- %s: %s" % (label, name))
            message = problem.get("message") or ""
            if message:
                print("  " + message.strip().replace("\n", "\n  "))
            print("\n".join(details(problem, case)))
        if failing:
            names.append("%s: %s" % (label, ", ".join(failing)))
    if names:
        print("\n== what failed")
        print("\n".join(names))
    totals = os.environ.get("REPORT_TOTALS")
    if totals:
        with open(totals, "w") as f:
            f.write("%d %d\n" % (passed, failed))


if __name__ == "__main__":
    main(sys.argv[1:])
