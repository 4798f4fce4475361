"""Build the benchmark images reproducibly (run by hand; see bench/README.md).

vod:  a VOD-server-like ext4 tree - many small files (HLS playlists and segments, subtitles,
      metadata), some pictures, tens of large videos of random bytes.
many: one million (or --files N) small files in 1,000-entry directories.
Content comes from a seeded generator, timestamps and UUIDs are fixed, so the same arguments
give the same tree. A manifest (JSON) beside each image records what is in it.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
FIXED_TIME = 1_700_000_000  # 2023-11-14T22:13:20Z
UUID = "68616563-6869-4000-8000-000000000006"
MIB = 1 << 20


def _playlist(rng: random.Random) -> bytes:
    lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-TARGETDURATION:10"]
    lines += [f"#EXTINF:10.0,\nseg_{i:05d}.ts" for i in range(rng.randint(5, 400))]
    return ("\n".join(lines) + "\n#EXT-X-ENDLIST\n").encode()


def _subtitles(rng: random.Random) -> bytes:
    words = ["the", "server", "stream", "channel", "viewer", "drama", "episode", "tonight", "live"]
    cues = []
    for i in range(rng.randint(3, 150)):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(3, 10)))
        cues.append(
            f"{i + 1}\n00:{i // 60:02d}:{i % 60:02d},000 --> 00:{i // 60:02d}:{i % 60:02d},900\n{text}\n"
        )
    return "\n".join(cues).encode()


def _metadata(rng: random.Random) -> bytes:
    item = {
        "id": rng.randint(1, 10**6),
        "title": f"Title {rng.randint(1, 9999)}",
        "year": rng.randint(1990, 2026),
    }
    item["genres"] = rng.sample(["drama", "action", "comedy", "news", "sports", "kids"], 2)
    return json.dumps(item, indent=2).encode()


def _segment(rng: random.Random) -> bytes:
    packets = rng.randint(20, 200)
    return b"".join(b"\x47" + rng.randbytes(187) for _ in range(packets))


def _picture(rng: random.Random) -> bytes:
    header = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return header + rng.randbytes(rng.randint(20_000, 200_000)) + b"\xff\xd9"


SMALL_KINDS = (
    ("index.m3u8", _playlist),
    ("subtitles.srt", _subtitles),
    ("info.json", _metadata),
    ("segment.ts", _segment),
)


def _write(path: Path, data: bytes) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.utime(path, (FIXED_TIME, FIXED_TIME))
    return len(data)


def _write_random(path: Path, rng: random.Random, size: int) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        out.write(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom")
        left = size - 24
        while left > 0:
            piece = min(left, 8 * MIB)
            out.write(rng.randbytes(piece))
            left -= piece
    os.utime(path, (FIXED_TIME, FIXED_TIME))
    return size


def vod_tree(root: Path, small: int, pictures: int, videos: int, video_mib: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    total = files = 0
    for i in range(small):
        name, make = SMALL_KINDS[i % len(SMALL_KINDS)]
        title = root / "hls" / f"cat{i % 20:02d}" / f"title{i // 8:05d}"
        total += _write(title / f"{i:06d}_{name}", make(rng))
        files += 1
    for i in range(pictures):
        total += _write(root / "posters" / f"{i // 500:03d}" / f"poster{i:05d}.jpg", _picture(rng))
        files += 1
    for i in range(videos):
        size = video_mib * MIB + rng.randint(0, MIB)
        total += _write_random(root / "vod" / f"movie{i:03d}.mp4", rng, size)
        files += 1
    return {"files": files, "content_bytes": total}


def many_tree(root: Path, count: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    total = 0
    for i in range(count):
        folder = root / f"d{i // 1000:04d}"
        if i % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        data = _metadata(rng) if i % 2 else rng.randbytes(rng.randint(64, 900))
        (folder / f"f{i:07d}.dat").write_bytes(data)
        total += len(data)
    return {"files": count, "content_bytes": total}


def make_ext4(tree: Path, image: Path, size_mib: int, block: int, inodes: int | None) -> None:
    image.unlink(missing_ok=True)
    command = ["mke2fs", "-q", "-F", "-t", "ext4", "-b", str(block), "-U", UUID, "-E", f"hash_seed={UUID}"]
    if inodes:
        command += ["-N", str(inodes)]
    command += ["-d", str(tree), str(image), f"{size_mib}M"]
    env = {**os.environ, "E2FSPROGS_FAKE_TIME": str(FIXED_TIME)}
    subprocess.run(command, check=True, env=env)


def make_e01(image: Path) -> Path:
    target = image.with_suffix("")
    for old in image.parent.glob(f"{target.name}.E*"):
        old.unlink()
    subprocess.run(
        [
            "ewfacquire",
            "-u",
            "-q",
            "-t",
            str(target),
            "-c",
            "deflate:fast",
            "-S",
            "8 GiB",
            "-f",
            "encase6",
            "-C",
            "bench",
            "-D",
            "bench image",
            "-E",
            "1",
            "-e",
            "bench",
            "-N",
            "-",
            str(image),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return target.parent / f"{target.name}.E01"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("kind", choices=("vod", "many"))
    parser.add_argument("--scale", type=float, default=1.0, help="vod: fraction of the reference size")
    parser.add_argument("--files", type=int, default=1_000_000, help="many: number of files")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--e01", action="store_true", help="also make an E01 with ewfacquire")
    parser.add_argument(
        "--drop-tree", action="store_true", help="delete the source folder (hash_limit needs it)"
    )
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.kind == "vod":
        name = f"vod-{args.scale:g}"
        tree = OUT / f"{name}.tree"
        shutil.rmtree(tree, ignore_errors=True)
        counts = vod_tree(
            tree,
            int(18_960 * args.scale),
            int(1_000 * args.scale),
            max(1, int(40 * args.scale)),
            60,
            args.seed,
        )
        image = OUT / f"{name}.img"
        make_ext4(tree, image, max(64, int(3_584 * args.scale)), 4096, None)
    else:
        name = f"many-{args.files}"
        tree = OUT / f"{name}.tree"
        shutil.rmtree(tree, ignore_errors=True)
        counts = many_tree(tree, args.files, args.seed)
        image = OUT / f"{name}.img"
        size_mib = 64 + args.files * 2_200 // MIB * 1 + args.files // 1000
        make_ext4(tree, image, size_mib, 1024, args.files + args.files // 20 + 1024)
    manifest = {"image": image.name, "tree": tree.name, "size": image.stat().st_size, **counts}
    if args.e01:
        manifest["e01"] = make_e01(image).name
    (OUT / f"{name}.json").write_text(json.dumps(manifest, indent=2) + "\n")
    if args.drop_tree:
        shutil.rmtree(tree)
    print(json.dumps(manifest))


if __name__ == "__main__":
    main()
