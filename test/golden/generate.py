#!/usr/bin/python3
"""Regenerates every golden file from real PyTorch:

    /usr/bin/python3 test/golden/generate.py            # all families
    /usr/bin/python3 test/golden/generate.py elementwise # one family

Needs Debian's python3-torch (apt-get install -y python3-torch). The JSON
files are committed; tests only read them.
"""
import glob
import os
import runpy
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
wanted = set(sys.argv[1:])
for path in sorted(glob.glob(os.path.join(here, "gen_*.py"))):
    family = os.path.basename(path)[4:-3]
    if wanted and family not in wanted:
        continue
    runpy.run_path(path, run_name="__main__")
