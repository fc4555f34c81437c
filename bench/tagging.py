"""Benchmark 6: comments/s of `survey tag` against bare TextBlob polarity on the same lines.

Both run as child processes reading the same lines on stdin, start-up included: the ratio shows
what redaction, language detection and the domain rules add to TextBlob itself.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from survey import demo

from .common import SURVEY, instance_env, measure_child, survey

BARE = (
    "import sys\n"
    "from textblob import TextBlob\n"
    "for line in sys.stdin:\n"
    "    print(TextBlob(line.strip()).sentiment.polarity)\n"
)


def comment_lines(count: int, seed: int = 6) -> list[str]:
    """Plausible comments, English and Dutch, some with a phone number or e-mail address."""
    rng = random.Random(seed)
    texts = [t for lang in demo.COMMENTS.values() for ts in lang.values() for t in ts]
    extras = ["", "", "", " Call me on 06 12345678.", " Mail me at jan@example.nl.", " Thanks!"]
    return [rng.choice(texts) + rng.choice(extras) + f" ({i})" for i in range(count)]


def run(count: int, scratch: Path) -> tuple[float | None, float, int]:
    """(survey tag comments/s or None if absent, bare TextBlob comments/s, lines)."""
    source = scratch / "comments.txt"
    source.write_text("\n".join(comment_lines(count)) + "\n", encoding="utf-8")
    with open(source) as stdin:
        took, _, _ = measure_child([sys.executable, "-c", BARE], stdin=stdin)
    bare = count / took
    instance = scratch / "tag-instance"
    survey(instance, "init")
    probe = subprocess.run(
        [SURVEY, "tag", "--help"], env=instance_env(instance), capture_output=True
    )
    if probe.returncode != 0:
        return None, bare, count
    with open(source) as stdin, open(scratch / "tagged.jsonl", "w") as out:
        took, _, _ = measure_child(
            [SURVEY, "tag"], env=instance_env(instance), stdin=stdin, stdout=out
        )
    tagged = sum(1 for _ in open(scratch / "tagged.jsonl"))
    if tagged != count:
        raise RuntimeError(f"survey tag wrote {tagged} lines for {count} comments")
    return count / took, bare, count
