#!/usr/bin/env python3
"""Writes a seeded random asset-based WTA instance (format: docs/wta.md) to stdout.

usage: scripts/wta-asset-instance.py SEED M N K > file.txt
M weapon types with 1-3 copies, N threats with lethality in [0.3, 1] aimed at random assets, K assets with values
1-100, kill probabilities in [0.05, 0.95].
"""
import random
import sys

seed, m, n, k = map(int, sys.argv[1:5])
r = random.Random(seed)
print(m, n, k)
print(' '.join(str(r.randint(1, 3)) for _ in range(m)))
for _ in range(k):
    print(r.randint(1, 100))
for _ in range(n):
    print(r.randrange(k), round(r.uniform(0.3, 1.0), 6))
for i in range(m):
    for j in range(n):
        print(i, j, round(r.uniform(0.05, 0.95), 6))
