"""Containers: the image file(s) as one read-only ByteSource (raw, split raw, E01, Android sparse).

registry.py: every container, listed once in the order an image is tested (CONTAINERS); image.py:
ImageSpec, ImageFacts and the ContainerFormat protocol; detect.py: which container an image is;
opening.py: open it; ewf.py, sparse.py, split_raw.py (+ segments.py), raw.py: the formats; refused.py:
formats recognised and refused with a way forward; media_hash.py: the whole-media hash with read-ahead;
noatime.py: how every image file is opened (read-only, O_NOATIME where allowed).

To add a container (VMDK, VHDX, QCOW2...): one module with a class that has `format` (its stored name),
`segments(path, head, tail)` (its segments when the file is one, else None) and `open(spec, sizes)`
(a ByteSource, such as a pytsk3.Img_Info subclass, and its ImageFacts); one entry in CONTAINERS before
RefusedContainers (its signature in refused.py then never matches: delete it). Containers import only
forensics.base.
"""
