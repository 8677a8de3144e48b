"""Writes the Hugging Face golden fixtures that polyret's parity tests read.

Run once on a machine with torch + transformers (not at build time):
    python3 make_hf_fixtures.py OUT_DIR
It writes tiny randomly initialised checkpoints with save_pretrained, and the model outputs for a
few fixed inputs, as JSON, plus BertTokenizer reference encodings for a vocabulary written here.
"""
import json, os, sys, platform
import torch
import transformers
from transformers import (XLMRobertaConfig, XLMRobertaModel, XLMRobertaForMaskedLM,
                          BertConfig, BertModel, BertForPreTraining, BertTokenizer)

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
torch.manual_seed(1234)

INPUTS = [
    # unpadded
    [[0, 5, 17, 300, 999, 42, 2]],
    # a padded batch (XLM-R pad = 1): positions must skip pads
    [[0, 11, 12, 13, 14, 15, 16, 2], [0, 700, 701, 2, 1, 1, 1, 1], [0, 3, 2, 1, 1, 1, 1, 1]],
]
BERT_INPUTS = [
    [[101, 5, 17, 300, 999, 42, 102]],
    [[101, 11, 12, 13, 14, 15, 16, 102], [101, 700, 701, 102, 0, 0, 0, 0], [101, 3, 102, 0, 0, 0, 0, 0]],
]

def run(model, inputs, pad_id):
    model.eval()
    results = []
    with torch.no_grad():
        for batch in inputs:
            ids = torch.tensor(batch, dtype=torch.long)
            mask = (ids != pad_id).long()
            o = model(input_ids=ids, attention_mask=mask)
            results.append({
                "input_ids": batch,
                "attention_mask": mask.tolist(),
                "last_hidden_state": o.last_hidden_state.tolist(),
                "pooler_output": o.pooler_output.tolist() if o.pooler_output is not None else None,
            })
    return results

def save(name, model, inputs, pad_id, **kw):
    d = os.path.join(out, name)
    model.save_pretrained(d, safe_serialization=True, **kw)
    with open(os.path.join(d, "expected_outputs.json"), "w") as f:
        json.dump({"transformers": transformers.__version__, "torch": torch.__version__,
                   "cases": run(model, inputs, pad_id)}, f)

def jitter_norms_and_biases(model):
    """Random non-trivial LayerNorm and bias values, so that a mix-up of parameters shows."""
    with torch.no_grad():
        for n, p in model.named_parameters():
            if "LayerNorm" in n or n.endswith("bias"):
                p.add_(torch.randn_like(p) * 0.1)

common = dict(vocab_size=1000, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
              intermediate_size=64, hidden_dropout_prob=0.1, attention_probs_dropout_prob=0.1)

# XLM-R: position ids from pad_token_id + 1, type_vocab_size 1
xcfg = XLMRobertaConfig(max_position_embeddings=40, type_vocab_size=1, pad_token_id=1,
                        bos_token_id=0, eos_token_id=2, **common)
xlmr = XLMRobertaModel(xcfg)
jitter_norms_and_biases(xlmr)
save("xlmr-tiny", xlmr, INPUTS, 1)
save("xlmr-tiny-sharded", xlmr, INPUTS, 1, max_shard_size="40KB")
# weights only; compared with the fp32 outputs within a tolerance. Note: .half() converts xlmr IN
# PLACE, so xlmr-tiny-bf16 and xlmr-tiny-mlm below start from fp16-rounded weights (the tests that
# read them account for it; regenerating with a copy here would change the committed fixtures).
save("xlmr-tiny-fp16", xlmr.half().float().half(), [], 1)
xlmr = xlmr.float()
b16 = XLMRobertaModel(xcfg); b16.load_state_dict(xlmr.state_dict()); b16 = b16.to(torch.bfloat16)
save("xlmr-tiny-bf16", b16, [], 1)
mlm = XLMRobertaForMaskedLM(xcfg)
mlm.roberta.load_state_dict(xlmr.state_dict(), strict=False)
mlm.save_pretrained(os.path.join(out, "xlmr-tiny-mlm"), safe_serialization=True)

# BERT / LaBSE family: position ids from 0, token types, pooler dense+tanh
bcfg = BertConfig(max_position_embeddings=40, type_vocab_size=2, pad_token_id=0, **common)
bert = BertModel(bcfg)
jitter_norms_and_biases(bert)
save("bert-tiny", bert, BERT_INPUTS, 0)
pre = BertForPreTraining(bcfg)
pre.bert.load_state_dict(bert.state_dict())
pre.save_pretrained(os.path.join(out, "bert-tiny-pretraining"), safe_serialization=True)

# WordPiece reference: BertTokenizer on a vocabulary written here
vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
words = ["the", "a", "cat", "sat", "on", "mat", "un", "##aff", "##able", "runn", "##ing", "run",
         "cafe", "café", "naive", "naïve", "hello", "world", ",", ".", "!", "?", "'", "-", "(", ")",
         "\"", "##s", "##ed", "is", "what", "who", "berlin", "berl", "##in", "straße", "strasse",
         "über", "uber", "ber", "##lin", "中", "国", "人", "日", "本", "語", "東", "京", "ภาษา",
         "ไทย", "##ไทย", "привет", "мир", "при", "##вет", "مرحبا", "عالم", "नमस्ते", "न", "##म",
         "$", "%", "1", "2", "3", "##0", "##00", "100", "x", "##x", "y", "ü", "e", "##e", "é",
         "Hello", "World", "Straße", "Über", "Café", "The", "CAT", "Cat", "##S"]
for c in "abcdefghijklmnopqrstuvwxyz":
    if c not in words:
        words.append(c)
    words.append("##" + c)
seen = set(vocab)
for w in words:
    if w not in seen:
        vocab.append(w); seen.add(w)
tokdir = os.path.join(out, "wordpiece")
os.makedirs(tokdir, exist_ok=True)
with open(os.path.join(tokdir, "vocab.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(vocab) + "\n")
texts = [
    "The cat sat on the mat.", "unaffable running", "Hello,   world!!", "  leading and trailing  ",
    "café naïve Über Straße", "CAFÉ NAÏVE", "中国人说日本語", "東京 is in 日本", "ภาษาไทย ไทย",
    "привет, мир!", "مرحبا بالعالم", "नमस्ते", "100$ and 20%", "x" * 101, "x" * 100,
    "tab\tseparated\nnew line\r\ncrlf", "control\u0000char\u0007s", "zero\u200bwidth",
    "\u00e9 vs e\u0301", "emoji 😀 test", "(parentheses) \"quotes\" 'single'", "what's up-to-date?",
    "", "   ", "Berlin berlin BERLIN", "ﬁ ligature", "full-width ＡＢＣ１２３",
]
cases = []
for lower in (True, False):
    for strip in (None, False):
        tok = BertTokenizer(os.path.join(tokdir, "vocab.txt"), do_lower_case=lower, strip_accents=strip,
                            tokenize_chinese_chars=True)
        for t in texts:
            cases.append({"do_lower_case": lower, "strip_accents": strip, "text": t,
                          "tokens": tok.tokenize(t), "input_ids": tok(t)["input_ids"]})
with open(os.path.join(tokdir, "expected_tokenization.json"), "w", encoding="utf-8") as f:
    json.dump({"transformers": transformers.__version__, "cases": cases}, f, ensure_ascii=False, indent=0)

with open(os.path.join(out, "MANIFEST.json"), "w") as f:
    json.dump({"transformers": transformers.__version__, "torch": torch.__version__,
               "python": platform.python_version(), "seed": 1234,
               "command": "python3 make_hf_fixtures.py OUT_DIR"}, f, indent=1)
print("ok", transformers.__version__, torch.__version__)
