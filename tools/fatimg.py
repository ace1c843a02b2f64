# Reads and edits files inside a FAT disk image with mtools (no root, no loop devices);
# shared by mkimage.py (building the boot disk) and testrun.py (per-test image edits).
import os
import re
import shutil
import struct
import subprocess
import tempfile

MTOOLS = ('mformat', 'mmd', 'mcopy', 'mdel', 'mdir', 'mshowfat')


class FatError(Exception):
    pass


def check_mtools():
    missing = [t for t in MTOOLS if not shutil.which(t)]
    if missing:
        raise FatError(f'{", ".join(missing)} not found: install mtools (tools/setup does)')


def _run(image, tool, *args):
    # MTOOLS_SKIP_CHECK: the image has no partition table and mtools would otherwise
    # complain about its geometry.
    env = dict(os.environ, MTOOLS_SKIP_CHECK='1')
    proc = subprocess.run([tool, '-i', image, *args], env=env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        raise FatError(f'{tool} {" ".join(args)} on {image} failed: {proc.stdout.strip()}')
    return proc.stdout


def _fat(path):
    """mtools name of `path` (e.g. boot/kernel.elf), relative to the image's root."""
    return '::/' + path.replace('\\', '/').lstrip('/')


def create(image, mib, cluster_sectors=1):
    """Create `image`: a FAT32 file system without partition table, `mib` MiB large, with
    clusters of `cluster_sectors` sectors of 512 bytes (FAT32 needs at least 65525)."""
    _run(image, 'mformat', '-C', '-F', '-c', str(cluster_sectors), '-T', str(mib * 2048), '::')


def mkdir(image, path):
    _run(image, 'mmd', _fat(path))


def put(image, host_file, path):
    """Copy the host file into the image as `path`, replacing any file there."""
    _run(image, 'mcopy', '-o', host_file, _fat(path))


def put_path(image, host_file, path):
    """put, creating the directories of `path` that do not exist yet."""
    parts = path.replace('\\', '/').strip('/').split('/')
    for depth in range(1, len(parts)):
        parent = '/'.join(parts[:depth])
        if not exists(image, parent):
            mkdir(image, parent)
    put(image, host_file, path)


def copy_all(source, image):
    """Copy every file and directory of the image `source` into `image`, replacing files
    of the same name; files only `image` has stay."""
    with tempfile.TemporaryDirectory() as tmp:
        _run(source, 'mcopy', '-s', '-n', '::/*', tmp)
        entries = [os.path.join(tmp, e) for e in sorted(os.listdir(tmp))]
        if entries:
            _run(image, 'mcopy', '-s', '-o', *entries, '::/')


def free_bytes(image):
    """The bytes free on the image's file system, as mdir reports them."""
    found = re.search(r'([\d ]+) bytes free', _run(image, 'mdir', '::/'))
    if not found:
        raise FatError(f'mdir on {image}: no free space reported')
    return int(found.group(1).replace(' ', ''))


def write(image, path, data):
    """Store the bytes `data` as `path` in the image."""
    with tempfile.NamedTemporaryFile() as tmp:
        tmp.write(data)
        tmp.flush()
        put(image, tmp.name, path)


def read(image, path):
    """The bytes of `path` in the image, or None if there is no such file."""
    if not exists(image, path):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        host = os.path.join(tmp, 'file')
        _run(image, 'mcopy', _fat(path), host)
        with open(host, 'rb') as f:
            return f.read()


def exists(image, path):
    env = dict(os.environ, MTOOLS_SKIP_CHECK='1')
    return subprocess.run(['mdir', '-i', image, '-b', _fat(path)], env=env,
                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0


def delete(image, path):
    _run(image, 'mdel', _fat(path))


def clusters(image, path):
    """The cluster numbers of `path`'s chain, in order, as mshowfat reports them."""
    runs = re.findall(r'<(\d+)(?:-(\d+))?>', _run(image, 'mshowfat', _fat(path)))
    chain = []
    for first, last in runs:
        chain.extend(range(int(first), int(last or first) + 1))
    if not chain:
        raise FatError(f'{path}: has no clusters to corrupt')
    return chain


def loop_chain(image, path):
    """Corrupt the image on purpose: the last cluster of `path`'s chain points back to
    its first, in every FAT copy, so a reader that trusts the FAT walks forever."""
    chain = clusters(image, path)
    with open(image, 'r+b') as f:
        bpb = f.read(48)
        bytes_per_sector, = struct.unpack_from('<H', bpb, 11)
        reserved, = struct.unpack_from('<H', bpb, 14)
        fats = bpb[16]
        fat_sectors, = struct.unpack_from('<I', bpb, 36)
        for i in range(fats):
            f.seek((reserved + i * fat_sectors) * bytes_per_sector + chain[-1] * 4)
            f.write(struct.pack('<I', chain[0]))
