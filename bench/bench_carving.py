"""Carving throughput: `haechi carve` end to end against PhotoRec alone on the same unallocated bytes.

Builds (into bench/out/) an ext4 image whose free blocks are filled with noise and planted JPEG, PNG,
PDF and ZIP files (written with dd-like writes at offsets computed from `blkls -l -A`), then times
  1. photorec alone over a file holding exactly the unallocated bytes (`blkls -A IMAGE > FILE`),
  2. haechi carve over the image (mapping, chunk reads through the reader process, PhotoRec,
     hashing and typing from the chunk, database, ledger),
and prints both rates and the files each found. Run by hand: PYTHONPATH=. .venv/bin/python
bench/bench_carving.py [SIZE_MIB [REPEAT]]
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import carving_images
import imaging

from app.carving.carve import CarveRequest, carve_evidence
from app.cases.identity import EnvironmentPassphrase, unlock_examiner
from app.cases.session import create_case
from app.common.progress import CancelToken
from app.evidence.importer import ImportJob, ImportRequest
from forensics.carving.photorec import command_options
from forensics.carving.unallocated import blkls_ranges
from forensics.containers.image import ImageSpec

OUT = Path(__file__).resolve().parent / "out"
PLANT_EVERY = 4 << 20  # one planted file per 4 MiB of free space


def build(size_mib: int) -> tuple[Path, int]:
    """The image and how many files were planted in its free blocks."""
    image = OUT / f"carve-{size_mib}.img"
    work = OUT / f"carve-{size_mib}.planted"
    if work.exists():
        shutil.rmtree(work)
    carving_images._make_files(work)  # the same generators as the tests
    files = [(work / name).read_bytes() for name in carving_images.PLANTED if not name.endswith(".mp4")]
    imaging.sh("mke2fs", "-q", "-F", "-t", "ext4", "-b", "4096", image, f"{size_mib}M")
    ranges = blkls_ranges(ImageSpec("raw", (image,)), 0, size_mib << 20, 4096)
    planted = 0
    with image.open("r+b") as out:
        for offset, length in ranges:
            out.seek(offset)
            written = 0
            while written < length:
                piece = imaging.noise(offset + written, min(1 << 20, length - written))
                out.write(piece)
                written += len(piece)
            for at in range(offset, offset + length - (64 << 10), PLANT_EVERY):
                out.seek(at)
                out.write(files[planted % len(files)])
                planted += 1
    return image, planted


def photorec_alone(image: Path) -> tuple[float, int, int]:
    """Seconds, bytes and files of PhotoRec over the unallocated bytes as one file."""
    with tempfile.TemporaryDirectory(dir=OUT) as temp:
        chunk = Path(temp) / "unalloc.bin"
        with chunk.open("wb") as out:
            subprocess.run(["blkls", "-A", str(image)], stdout=out, check=True)
        started = time.monotonic()
        subprocess.run(
            ["photorec", "/log", "/d", str(Path(temp) / "out"), "/cmd", str(chunk), command_options(())],
            cwd=temp,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
        )
        seconds = time.monotonic() - started
        found = sum(1 for p in Path(temp).glob("out.*/*") if p.name != "report.xml")
        return seconds, chunk.stat().st_size, found


class _Quiet:
    def update(self, progress: object) -> None:
        pass


def haechi_carve(image: Path) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory(dir=OUT) as temp:
        os.environ.setdefault("XDG_CONFIG_HOME", str(Path(temp) / "config"))
        os.environ.setdefault("HAECHI_EXAMINER", "Bench")
        os.environ.setdefault("HAECHI_PASSPHRASE", "bench passphrase for carving")
        os.environ["HAECHI_HASHSETS"] = str(Path(temp) / "hashsets")
        examiner, _ = unlock_examiner("Bench", EnvironmentPassphrase())
        session = create_case(Path(temp) / "case", "BENCH-1", "carving", None, examiner)
        ImportJob(session, ImportRequest(image), _Quiet(), CancelToken()).run()
        started = time.monotonic()
        summary = carve_evidence(session, CarveRequest(1))
        seconds = time.monotonic() - started
        session.close()
        return seconds, summary.bytes, summary.files


def _rates(runs: list[tuple[float, int, int]]) -> dict[str, object]:
    seconds = sorted(run[0] for run in runs)
    median = seconds[len(seconds) // 2]
    return {
        "seconds": [round(value, 2) for value in seconds],
        "bytes": runs[0][1],
        "files": sorted({run[2] for run in runs}),
        "median_mib_per_s": round(runs[0][1] / median / (1 << 20), 1),
    }


def main() -> None:
    size_mib = int(sys.argv[1]) if len(sys.argv) > 1 else 1024
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    OUT.mkdir(exist_ok=True)
    image, planted = build(size_mib)
    alone, haechi = [], []
    for _ in range(repeat):  # alternated, so a change of machine load touches both
        alone.append(photorec_alone(image))
        haechi.append(haechi_carve(image))
    result = {
        "image_mib": size_mib,
        "planted": planted,
        "load_1min": os.getloadavg()[0],
        "photorec_alone": _rates(alone),
        "haechi_carve": _rates(haechi),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
