"""Coverage and accuracy of the comment tagger, per language and set.

Run: python -m bench.sentiment

Sets: the UCI "Sentiment Labelled Sentences" (yelp, amazon, imdb; English, clearly polar), the
Dutch SemEval-2016 restaurant sentences (all, and the SERVICE subset), all read from
../shared/benchdata/sentiment/ when present, and our own desk comments in tests/data/ (the
frozen test split apart from the sets the rules were tuned on; see tests/helpers/desk_sets.py).
Coverage = share of polar sentences given a polar label; accuracy = share of those right. The
desk sets are scored over three classes (positive / neutral / negative), with topic F1.
`--misses` lists what the tagger got wrong on the tuning sets (never on the frozen split).
"""

from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

from sqlite_utils import Database

from survey import sentiment
from tests.helpers import desk_sets
from tests.helpers.public_sets import BENCHDATA, combined, dutch, polar, uci

ROOT = Path(__file__).resolve().parent.parent


def tb_en(text: str) -> float:
    return sentiment._english()(text)[0]


def vader(text: str) -> float:
    return sentiment._vader().polarity_scores(text)["compound"]


def tb_nl(text: str) -> float:
    return sentiment._dutch().analyze(text)[0]


def labelled(function):
    return lambda text: sentiment.label_for(function(text))


def line(set_name: str, analyser: str, result: tuple[float, float, int]) -> str:
    coverage, accuracy, n = result
    return (
        f"{set_name:26s} {analyser:12s} n={n:5d}  coverage {coverage:6.1%}  right {accuracy:6.1%}"
    )


def main() -> int:
    warnings.simplefilter("ignore")  # a benchmark, not a test: third-party noise is not ours
    start = time.perf_counter()
    for text in ("First comment of the day.", "Eerste opmerking.", "Erster Kommentar."):
        sentiment.tag(text)  # loads every analyser and the detector, once per worker
    loading = (time.perf_counter() - start) * 1000
    print(f"first comments of a worker (load analysers and detector): {loading:.0f} ms")
    if BENCHDATA.is_dir():
        english = {
            "UCI yelp+amazon (en)": uci("yelp") + uci("amazon_cells"),
            "UCI imdb (en)": uci("imdb"),
        }
        for name, rows in english.items():
            for analyser, function in (
                ("TextBlob", labelled(tb_en)),
                ("VADER", labelled(vader)),
                ("combined", combined("en")),
            ):
                print(line(name, analyser, polar(rows, function)))
        for name, rows in (
            ("SemEval-2016 all (nl)", dutch()),
            ("SemEval-2016 SERVICE (nl)", dutch(service_only=True)),
        ):
            for analyser, function in (
                ("textblob-nl", labelled(tb_nl)),
                ("VADER", labelled(vader)),
                ("combined", combined("nl")),
            ):
                print(line(name, analyser, polar(rows, function)))
            neutral = [t for t, lab in rows if lab == "neutral"]
            kept = sum(sentiment.tag(t, "nl").label == "neutral" for t in neutral)
            print(
                f"{name:26s} {'combined':12s} neutral sentences left neutral: {kept}/{len(neutral)}"
            )
    else:
        print(f"(no benchmark data at {BENCHDATA}; own set only)")

    for name, path in desk_sets.SETS.items():
        result = desk_sets.score(desk_sets.read(path))
        print("\n".join(desk_sets.report(name, result)))
        if name == "tuning set":
            # Each probe batch scored once when written (its header line, docs/sentiment.md):
            # that first figure is the honest one; "now" is after the rules learnt from it (or
            # not, for the last batch).
            first = desk_sets.first_scorings(path)
            for batch, items in desk_sets.batches(path).items():
                if batch:
                    now = desk_sets.score(items)
                    print(f"  {batch} first scoring: {first.get(batch, '?')}")
                    languages = ", ".join(
                        f"{k} {now.agreement(k):.1%}"
                        for k in ("en", "nl", "de", "fr")
                        if k in now.hits
                    )
                    confusion = " / ".join(
                        " ".join(str(now.confusion.get((gold, got), 0)) for got in desk_sets.LABELS)
                        for gold in desk_sets.LABELS
                    )
                    print(
                        f"  {' ' * len(batch)} now: {now.agreement():.1%} ({languages}), outside English"
                        f" {now.outside_english():.1%}, topics {now.micro_f1():.2f} / {now.macro_f1():.2f},"
                        f" confusion (rows positive / neutral / negative) {confusion}"
                    )
        if "--misses" in sys.argv and name != "frozen test split":
            for item, label, found in result.misses:
                print(
                    f"    miss: {item.language} {item.question} {item.label}->{label}"
                    f" {list(item.topics or ())}->{list(found)} | {item.text}"
                )
    texts = [item.text for path in desk_sets.SETS.values() for item in desk_sets.read(path)]
    start = time.perf_counter()
    for text in texts:
        sentiment.tag(text)  # with detection: the slowest path
    per_comment = (time.perf_counter() - start) / len(texts) * 1000
    print(f"tagging time per comment (with language detection): {per_comment:.2f} ms")
    submission_cost()
    return 0


def submission_cost(n: int = 300) -> None:
    """Time `submission.record` of one survey with and without two comments (temp SQLite file)."""
    import tempfile
    import uuid

    from survey import questionnaire, store, submission

    survey = questionnaire.load(ROOT / "questions.yaml")
    answers = [
        {"question": "better", "desk": None, "text": "Waited 2 hours, mail me at jan@example.nl"},
        {"question": "permit_processing", "desk": "ind", "text": "Very efficient and fast."},
    ]
    with tempfile.TemporaryDirectory() as folder:
        db = store.configure(Database(f"{folder}/bench.sqlite3"))
        store.migrate(db)
        store.sync_questionnaire(db, survey)
        timings = {}
        for name, texts in (("without comments", []), ("with two comments", answers)):
            start = time.perf_counter()
            for _ in range(n):
                payload = {
                    "id": str(uuid.uuid4()),
                    "language": "en",
                    "desks": ["ind"],
                    "ratings": [{"desk": "ind", "question": "front_desk_staff", "value": 5}],
                    "answers": texts,
                }
                valid = submission.validate(payload, survey)
                submission.record(db, valid, "bench", "bench")
            timings[name] = (time.perf_counter() - start) / n * 1000
        db.close()
    for name, ms in timings.items():
        print(f"submission.record {name:18s}: {ms:.2f} ms per survey")


if __name__ == "__main__":
    sys.exit(main())
