#!/usr/bin/env bash
# Checks polyret's metrics against the real trec_eval, value by value.
#
#   src/bench/compare-with-trec-eval.sh /path/to/trec_eval [work-dir]
#
# trec_eval is not part of polyret (nor of its CI): build it yourself, e.g.
#   git clone https://github.com/usnistgov/trec_eval /tmp/trec_eval && make -C /tmp/trec_eval
# Needs the command-line jar (MAVEN_OPTS=-Xmx1g mvn -q -DskipTests package), java 17 and python3.
#
# What it does, in work-dir (default target/trec-eval-check):
#  1. trains a tiny encoder for $STEPS steps on examples/demo-data (reused when model/ exists);
#  2. evaluates it with --trec-runs and runDepth 0 (whole pools, so trec_eval's map is polyret's
#     full-ranking map) on the demo LAReQA split, on XQuAD-R ($XQUAD_DIR, default
#     $POLYRET_SHARED_DIR/data/xquad-r, languages $XQUAD_LANGUAGES; skipped when absent), and on a
#     small TREC collection built here from the demo data (graded qrels, duplicate documents that
#     tie, a qrels query without a topic, a judged document missing from the corpus, a topic judged
#     only non-relevant, tied docids that UTF-16 order and trec_eval's strcmp order differently);
#  3. runs trec_eval -c -q on every run file and compares, to trec_eval's 4 printed decimals,
#     a) every value of evaluation.json (the evaluator's own numbers) with trec_eval's "all" line
#        and its query count with num_q;
#     b) every per-query value of polyret's metric code (src/bench/RunFileMetrics.java, on the
#        ranking polyret wrote) with trec_eval's per-query value, for map, map@100, recall@1/10/100,
#        ndcg@10, mrr and success@1 (also against P_1).
# Prints each mismatch, a count per benchmark and metric, and "N matched, M mismatched".
# Exit code: 0 when everything matched, 1 on a mismatch, 2 on bad usage.
set -euo pipefail

if [[ $# -lt 1 || ! -x "$1" ]]; then
  echo "usage: $0 <trec_eval binary> [work-dir]" >&2
  exit 2
fi
TREC_EVAL=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mkdir -p "${2:-$REPO/target/trec-eval-check}" && cd "${2:-$REPO/target/trec-eval-check}" && pwd)
JAR=$REPO/core/target/polyret-cli.jar
DEMO=$REPO/examples/demo-data
XQUAD_DIR=${XQUAD_DIR:-${POLYRET_SHARED_DIR:-$REPO/../shared}/data/xquad-r}
XQUAD_LANGUAGES=${XQUAD_LANGUAGES:-en,de,zh}
STEPS=${STEPS:-50}
JAVA_OPTS=${JAVA_OPTS:--Xmx2g}
export TF_CPP_MIN_LOG_LEVEL=2

if [[ ! -f "$JAR" ]]; then
  echo "missing $JAR: build it first (MAVEN_OPTS=-Xmx1g mvn -q -DskipTests package)" >&2
  exit 2
fi
polyret() { java $JAVA_OPTS -jar "$JAR" "$@"; }

echo "trec_eval: $TREC_EVAL ($("$TREC_EVAL" -v 2>&1 | head -1))"
echo "work directory: $WORK"

# 1. A tiny model.
if [[ ! -d "$WORK/train/model" ]]; then
  cat > "$WORK/encoder.json" <<'JSON'
{"model_type": "xlm-roberta", "vocab_size": 4002, "hidden_size": 32, "num_hidden_layers": 2,
 "num_attention_heads": 2, "intermediate_size": 64, "max_position_embeddings": 34,
 "type_vocab_size": 1, "pad_token_id": 1}
JSON
  rm -rf "$WORK/train"
  polyret train --train-data "$DEMO/train.jsonl" --encoder "$WORK/encoder.json" \
    --tokenizer "$DEMO/sentencepiece.bpe.model" --out "$WORK/train" --steps "$STEPS" \
    --batch-size 16 --learning-rate 1e-3 --query-max-length 32 --passage-max-length 32 --seed 7
fi
MODEL=$WORK/train/model

# 2. Evaluations with run files. runDepth 0 is only reachable through a config file.
echo '{"runDepth": 0}' > "$WORK/whole-pool.json"
evaluate() { # <name> <evaluate options...>
  local name=$1
  shift
  rm -rf "${WORK:?}/$name"
  echo "evaluating $name"
  polyret evaluate --model "$MODEL" --out "$WORK/$name" --trec-runs "$@"
}
evaluate demo --config "$WORK/whole-pool.json" --data "$DEMO/eval" --benchmark-name demo
if [[ -d "$XQUAD_DIR" ]]; then
  evaluate xquad-r --config "$WORK/whole-pool.json" --data "$XQUAD_DIR" --benchmark-name xquad-r \
    --languages "$XQUAD_LANGUAGES"
else
  echo "XQuAD-R not found at $XQUAD_DIR (set XQUAD_DIR): skipped"
fi

python3 - "$DEMO/eval" "$WORK/trec-collection" <<'PY'
"""A small TREC collection from the demo split: English questions over every language's sentences.

Gains: 2 for the English gold sentence, 1 for its translations and for a duplicate copy of it (same
text, so the same score: the tie is broken by docid), 0 for the other sentences of its paragraph.
Edge cases of trec_eval's conventions: a qrels query without a topic (-c counts it 0), a judged
document missing from the corpus (still counts as relevant), a topic judged only non-relevant,
tied documents whose docids sort differently by UTF-16 units and by UTF-8 bytes.
"""
import json, os, sys

source, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
langs = sorted(f[:-5] for f in os.listdir(source) if f.endswith(".json"))
docs, topics, qrels, copies = [], [], {}, set()
for lang in langs:
    data = json.load(open(os.path.join(source, lang + ".json"), encoding="utf-8"))
    p = 0
    for article in data["data"]:
        for para in article["paragraphs"]:
            for s, text in enumerate(para["sentences"]):
                docs.append({"docid": f"{lang}-{p:03d}-{s}", "title": article["title"], "text": text})
            for qa in para["qas"]:
                start = qa["answers"][0]["answer_start"]
                gold = next(s for s, (b, e) in enumerate(para["sentence_breaks"]) if b <= start < e)
                judged = qrels.setdefault(qa["id"], {})
                if lang == "en":
                    topics.append((qa["id"], qa["question"]))
                    for s in range(len(para["sentences"])):
                        judged.setdefault(f"en-{p:03d}-{s}", 0)
                    judged[f"en-{p:03d}-{gold}"] = 2
                    if p % 5 == 0 and f"copy-{p:03d}-{gold}" not in copies:
                        copies.add(f"copy-{p:03d}-{gold}")
                        docs.append({"docid": f"copy-{p:03d}-{gold}", "title": article["title"],
                                     "text": para["sentences"][gold]})
                        judged[f"copy-{p:03d}-{gold}"] = 1
                    if p % 7 == 0:
                        judged[f"missing-{p:03d}"] = 1
                else:
                    judged[f"{lang}-{p:03d}-{gold}"] = 1
            p += 1
english = {q for q, _ in topics}
qrels = {q: j for q, j in qrels.items() if q in english}
# Tied documents whose docids order differently by UTF-16 units and by UTF-8 bytes (trec_eval's
# strcmp): U+FF01 against U+1F600; each copies a question's gold sentence, one of them relevant.
for i, (q, _) in enumerate(topics[:40]):
    gold = next(d for d, rel in qrels[q].items() if rel == 2)
    text = next(x["text"] for x in docs if x["docid"] == gold)
    docs.append({"docid": f"tie-{i:02d}-\uff01", "title": "", "text": text})
    docs.append({"docid": f"tie-{i:02d}-\U0001F600", "title": "", "text": text})
    qrels[q][f"tie-{i:02d}-\U0001F600" if i % 2 else f"tie-{i:02d}-\uff01"] = 1
# A topic judged only non-relevant, and a qrels query without a topic.
zero = topics[3][0]
qrels[zero] = {d: 0 for d in qrels[zero]}
qrels["no-such-topic"] = {"en-000-0": 1}
with open(os.path.join(out, "corpus.jsonl"), "w", encoding="utf-8") as f:
    for d in docs:
        f.write(json.dumps(d, ensure_ascii=False) + "\n")
with open(os.path.join(out, "topics.tsv"), "w", encoding="utf-8") as f:
    for q, text in topics:
        f.write(f"{q}\t{text}\n")
with open(os.path.join(out, "qrels.txt"), "w", encoding="utf-8") as f:
    for q, judged in qrels.items():
        for d, rel in judged.items():
            f.write(f"{q} 0 {d} {rel}\n")
print(f"TREC collection: {len(docs)} documents, {len(topics)} topics, {len(qrels)} judged queries")
PY
evaluate trec --benchmark trec --topics "$WORK/trec-collection/topics.tsv" \
  --qrels "$WORK/trec-collection/qrels.txt" --corpus "$WORK/trec-collection/corpus.jsonl" \
  --language en --benchmark-name demo-trec

# 3. polyret's per-query values from its run files, then the comparison.
PER_QUERY_METRICS=map,map@100,recall@1,recall@10,recall@100,ndcg@10,mrr,success@1
RESULTS=("$WORK/demo" "$WORK/trec")
[[ -d "$WORK/xquad-r" ]] && RESULTS+=("$WORK/xquad-r")
for dir in "${RESULTS[@]}"; do
  java $JAVA_OPTS -cp "$JAR" "$REPO/src/bench/RunFileMetrics.java" "$PER_QUERY_METRICS" \
    "$dir"/runs/*.run > "$dir/polyret-per-query.tsv"
done

python3 - "$TREC_EVAL" "$PER_QUERY_METRICS" "${RESULTS[@]}" <<'PY'
import collections, glob, json, os, re, subprocess, sys

trec_eval, per_query_metrics, dirs = sys.argv[1], sys.argv[2].split(","), sys.argv[3:]


def measure(metric):
    """trec_eval's printed measure for a polyret metric name, and its -m argument."""
    name, _, k = metric.partition("@")
    table = {"map": ("map", "map_cut"), "ndcg": ("ndcg", "ndcg_cut"), "recall": (None, "recall"),
             "mrr": ("recip_rank", None), "success": (None, "success")}
    plain, cut = table[name]
    if not k:
        return plain, plain
    return f"{cut}_{k}", f"{cut}.{k}"


def row_key(run):
    base = run[:-len(".run")]
    if m := re.fullmatch(r"monolingual\.(.+)", base):
        return ("monolingual", m[1], m[1])
    if m := re.fullmatch(r"crosslingual\.(.+)-(.+)", base):
        return ("cross-lingual", m[1], m[2])
    if m := re.fullmatch(r"multilingual\.(.+)", base):
        return ("multilingual", m[1], "all")
    lang = base.rsplit("-", 1)[1]  # <benchmark>-<lang>.run (MIRACL / TREC)
    return ("monolingual", lang, lang)


def fmt(value):
    return "%.4f" % value


counts = collections.Counter()  # (benchmark, check, metric, matched)
mismatches = []


def check(bench, kind, metric, where, polyret, printed):
    ok = printed is not None and fmt(polyret) == printed
    counts[(bench, kind, metric, ok)] += 1
    if not ok:
        mismatches.append(f"MISMATCH {bench} {where} {metric}: polyret {polyret!r} "
                          f"({fmt(polyret)}), trec_eval {printed}")


for d in dirs:
    result = json.load(open(os.path.join(d, "evaluation.json"), encoding="utf-8"))
    (bench,) = result["benchmarks"]
    name = bench["name"]
    rows = {(r["setting"], r["query_language"], r["pool_language"]): r for r in bench["settings"]}
    per_query = collections.defaultdict(dict)  # run -> (metric, qid) -> value
    with open(os.path.join(d, "polyret-per-query.tsv"), encoding="utf-8") as f:
        for line in f:
            run, metric, qid, value = line.rstrip("\n").split("\t")
            per_query[run][(metric, qid)] = float(value)
    runs = sorted(os.path.basename(p) for p in glob.glob(os.path.join(d, "runs", "*.run")))
    if not runs:
        sys.exit(f"no run files in {d}/runs")
    for run in runs:
        row = rows[row_key(run)]
        metrics = sorted(set(row["metrics"]) | set(per_query_metrics))
        # One -m per measure: trec_eval keeps only the last parameter list given for a measure.
        params = collections.defaultdict(list)
        for m in metrics:
            base, _, k = measure(m)[1].partition(".")
            params[base] += [k] if k else []
        args = [trec_eval, "-c", "-q", "-m", "num_q", "-m", "P.1"]
        for base, ks in params.items():
            args += ["-m", base + ("." + ",".join(ks) if ks else "")]
        qrels = os.path.join(d, "runs", run[:-len(".run")] + ".qrels")
        out = subprocess.run(args + [qrels, os.path.join(d, "runs", run)], check=True,
                             capture_output=True, text=True).stdout
        printed = {}
        for line in out.splitlines():
            meas, qid, value = line.split()
            printed[(meas, qid)] = value
        where = "/".join(row_key(run))
        for m, value in row["metrics"].items():
            check(name, "evaluation.json", m, where, value, printed.get((measure(m)[0], "all")))
        check(name, "evaluation.json", "queries", where, row["queries"],
              fmt(int(printed[("num_q", "all")])))
        for (m, qid), value in per_query[run].items():
            check(name, "per query" if qid != "all" else "mean of per-query", m,
                  f"{where} {qid}", value, printed.get((measure(m)[0], qid)))
            if m == "success@1":
                check(name, "per query (P_1)" if qid != "all" else "mean of per-query (P_1)", m,
                      f"{where} {qid}", value, printed.get(("P_1", qid)))

for line in mismatches[:200]:
    print(line)
if len(mismatches) > 200:
    print(f"... {len(mismatches) - 200} more mismatches")
print(f"{'benchmark':<10} {'compared':<26} {'metric':<11} {'matched':>8} {'mismatched':>10}")
keys = sorted({k[:3] for k in counts})
for k in keys:
    print(f"{k[0]:<10} {k[1]:<26} {k[2]:<11} {counts[k + (True,)]:>8} {counts[k + (False,)]:>10}")
matched = sum(v for k, v in counts.items() if k[3])
print(f"{matched} matched, {len(mismatches)} mismatched")
sys.exit(1 if mismatches else 0)
PY
