"""Fails when a bank repeats 10 or more consecutive words of the source article."""
import glob
import re
import sys

RUN = 10
article, folder = sys.argv[1], sys.argv[2]
words = lambda text: re.findall(r"[a-z0-9'-]+", text.lower().replace("’", "'").replace("‘", "'"))
aw = words(open(article, encoding="utf-8").read())
runs = {" ".join(aw[i:i + RUN]) for i in range(len(aw) - RUN + 1)}
copied = []
for path in sorted(glob.glob(f"{folder}/**/*.y*ml", recursive=True)):
    bw = words(open(path, encoding="utf-8").read())
    for i in range(len(bw) - RUN + 1):
        run = " ".join(bw[i:i + RUN])
        if run in runs:
            copied.append(f"{path}: \"{run}\"")
for line in copied:
    print(f"copied from the article: {line}")
if copied:
    sys.exit(1)
print(f"content rule: no {RUN}-word run of the article in {folder}/")
