#!/usr/bin/env python3
"""Writes toolkit-core's dataset catalogue (datasets.json) from a local copy of the data.

Usage: generate_dataset_catalog.py DATA_DIR > toolkit-core/src/main/resources/dev/rnnkit/catalog/datasets.json

DATA_DIR has the target layout (<name>/<file>), e.g. the team's shared data copy. Sizes and SHA-256 sums are
computed from it; download URLs are raw.githubusercontent.com links pinned to the origin commits named in each
data set's SOURCE.md. Run it again only when a data set changes; the JSON is reviewed like code.
"""
import hashlib
import json
import os
import sys
from urllib.parse import quote


def raw(repo, commit, path):
    return f"https://raw.githubusercontent.com/{repo}/{commit}/{quote(path)}"


SST2 = ("eyalbd2/Reproducing-AutoPrompt", "6288fb5bec9c572f2492875ae0111df5b6daed11")
CONLL = ("kamalkraj/BERT-NER", "e5be564156f194f1becb0d82aeaf6e762d9eb9ed")
CONLL_IOB1 = ("patverga/torch-ner-nlp-from-scratch", "e577320ee6ed7417137e5309d370d9274009cc2d")
TIMESERIES = ("jbrownlee/Datasets", "d20fcb6402ae34e653d4513b00f39257bb37ed7f")
RAP = ("Adib-Habbou/french-rap-lyrics-generator", "645d6a796c2ab2832b32b71298b1492397ef3d8a")
MR = ("yoonkim/CNN_sentence", "23e0e1f7355705bb083043fda05c031b15acb38c")
ETT = ("zhouhaoyi/ETDataset", "1d16c8f4f943005d613b5bc962e9eeb06058cf07")


def tree(repo_commit):
    return f"https://github.com/{repo_commit[0]}/tree/{repo_commit[1]}"


def sources_sst2(path):
    origin = {"train.tsv": "train_full.tsv"}.get(path, path)  # the origin's train.tsv is a few-shot sample
    return [{"url": raw(*SST2, "glue_data/SST-2/" + origin)}]


def sources_conll(path):
    original = {"train.txt": "eng.train", "valid.txt": "eng.testa", "test.txt": "eng.testb"}[path]
    return [{"url": raw(*CONLL, "data/" + path)},
            {"url": raw(*CONLL_IOB1, "data/conll2003/" + original), "convert": "iob1-to-iob2"}]


def sources_mr(path):
    split = path.removesuffix(".tsv")  # each split is built from both class files, negative first
    return [{"urls": [raw(*MR, "rt-polarity.neg"), raw(*MR, "rt-polarity.pos")], "convert": "rt-polarity-" + split}]


DATASETS = [
    {
        "name": "sst2",
        "description": "Stanford Sentiment Treebank, binary sentence sentiment, GLUE version "
                       "(train 67,349 / dev 872 / unlabelled test 1,821 rows; TSV sentence<TAB>label).",
        "licence": "No separate data licence from GLUE/SST; cite Socher et al. (2013) and Wang et al. (2018). "
                   "Origin repository is Apache-2.0 (its code).",
        "homepages": ["https://nlp.stanford.edu/sentiment/", "https://gluebenchmark.com/", tree(SST2)],
        "files": ["train.tsv", "dev.tsv", "test.tsv"],
        "sources": sources_sst2,
    },
    {
        "name": "conll2003",
        "description": "CoNLL-2003 English named entities, IOB2 tags (train 14,041 / valid 3,250 / test 3,453 "
                       "sentences; 'word POS chunk NER' per line).",
        "licence": "Reuters RCV1 text: research use only, redistribution restricted by the Reuters Corpus "
                   "agreement. Origin repository is AGPL-3.0 (its code).",
        "homepages": ["https://www.clips.uantwerpen.be/conll2003/ner/", tree(CONLL), tree(CONLL_IOB1)],
        "files": ["train.txt", "valid.txt", "test.txt"],
        "sources": sources_conll,
    },
    {
        "name": "timeseries",
        "description": "Classic time series from the MachineLearningMastery tutorials: airline passengers, "
                       "Melbourne minimum temperatures, female births, car sales, sunspots, shampoo sales "
                       "(univariate) and Beijing PM2.5 (multivariate). CSV, CRLF line endings.",
        "licence": "No licence stated by the origin; long-published public data. Cite the original sources "
                   "(Box & Jenkins; Hyndman's Time Series Data Library; UCI Beijing PM2.5, Liang et al. 2015).",
        "homepages": ["https://archive.ics.uci.edu/dataset/381/beijing+pm2+5+data", tree(TIMESERIES)],
        "files": ["airline-passengers.csv", "daily-min-temperatures.csv", "daily-total-female-births.csv",
                  "monthly-car-sales.csv", "monthly-sunspots.csv", "pollution.csv", "shampoo.csv"],
        "sources": lambda path: [{"url": raw(*TIMESERIES, path)}],
    },
    {
        "name": "french-rap",
        "description": "French rap lyrics from Genius, one UTF-8 text file per artist (123 files, 19 MB), "
                       "plus the list of artists that drove the scraping.",
        "licence": "Lyrics are copyrighted by their authors and publishers: internal research and evaluation "
                   "only, do not redistribute. Origin repository is GPL-3.0 (its code).",
        "homepages": [tree(RAP)],
        "files": None,  # every file under the data set's directory except SOURCE.md
        "sources": lambda path: [{"url": raw(*RAP, path)}],
    },
    {
        "name": "mr",
        "description": "MR movie-review sentence polarity (Pang & Lee 2005, v1.0): 5,331 negative and 5,331 "
                       "positive Rotten Tomatoes snippets, lower-cased and tokenised, split deterministically "
                       "(line i of each class file: test if i mod 10 = 0, validation if 1, else train; "
                       "train 8,528 / validation 1,066 / test 1,068 rows; TSV sentence<TAB>label, 0 = negative, "
                       "1 = positive, as SST-2). Same source as SST-2: do not train on one and test on the other.",
        "licence": "Distributed by the authors for research use (Cornell movie-review data page); cite Pang & Lee "
                   "(2005). Origin repository has no licence file.",
        "homepages": ["https://www.cs.cornell.edu/people/pabo/movie-review-data/", tree(MR)],
        "files": ["train.tsv", "validation.tsv", "test.tsv"],
        "sources": sources_mr,
    },
    {
        "name": "ett",
        "description": "ETTh2, Electricity Transformer Temperature, station 2, hourly (2016-07-01 to 2018-06-26; "
                       "17,420 rows; CSV date,HUFL,HULL,MUFL,MULL,LUFL,LULL,OT, target OT = oil temperature). "
                       "Canonical 12/4/4-month split: train rows [0, 8640), validation [8640, 11520), "
                       "test [11520, 14400), later rows unused.",
        "licence": "CC BY-ND 4.0 (licence of the origin repository); the file is an unmodified copy. "
                   "Cite Zhou et al. (2021), Informer, AAAI.",
        "homepages": [tree(ETT)],
        "files": ["ETTh2.csv"],
        "sources": lambda path: [{"url": raw(*ETT, "ETT-small/" + path)}],
    },
]


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def listed(directory):
    names = []
    for root, _, files in os.walk(directory):
        for f in files:
            rel = os.path.relpath(os.path.join(root, f), directory)
            if rel != "SOURCE.md":
                names.append(rel)
    return sorted(names)


def main(data_dir):
    out = []
    for d in DATASETS:
        directory = os.path.join(data_dir, d["name"])
        files = []
        for rel in d["files"] or listed(directory):
            full = os.path.join(directory, rel)
            files.append({"path": rel, "size": os.path.getsize(full), "sha256": sha256(full),
                          "sources": d["sources"](rel)})
        out.append({k: d[k] for k in ("name", "description", "licence", "homepages")} | {"files": files})
    json.dump({"datasets": out}, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
