#!/usr/bin/env python3
"""Builds eval/everyday/ from Debian packages: the photos of selection.tsv, downscaled, with their licences.

    mkdir -p /tmp/everyday && cd /tmp/everyday
    apt-get download gcompris-qt-data palapeli-data tuxpaint-stamps-default
    python3 /path/to/repo/tools/everyday/build.py /tmp/everyday /path/to/repo/eval/everyday

Needs ImageMagick's convert. GCompris keeps its pictures in Qt resource bundles (.rcc), which this script
unpacks; each GCompris resource folder has a README naming author, licence and source of every file.
Palapeli names them in the puzzle's .desktop file; Tux Paint's stamps are GPL-2+ as a whole (the package's
copyright file). Every photo is converted to sRGB JPEG (quality 85), alpha composited on white, metadata
stripped, longest side at most 1024 px.
"""
import glob, os, re, struct, subprocess, sys, zlib

PACKAGES = {
    'gcompris': ('gcompris-qt-data', 'Debian gcompris-qt-data 3.1-2'),
    'palapeli': ('palapeli-data', 'Debian palapeli-data 4:22.12.3-1'),
    'tuxpaint': ('tuxpaint-stamps-default', 'Debian tuxpaint-stamps-default 2022.06.04-1'),
}


def unpack_rcc(path, out):
    """Qt binary resources: header 'qres', a tree of directory and file entries, a names table, data."""
    d = open(path, 'rb').read()
    version, tree, data, names = struct.unpack('>IIII', d[4:20])
    entry = 22 if version >= 2 else 14

    def name(offset):
        length, = struct.unpack('>H', d[names + offset:names + offset + 2])
        return d[names + offset + 6:names + offset + 6 + 2 * length].decode('utf-16-be')

    def walk(index, folder):
        e = tree + index * entry
        name_offset, flags = struct.unpack('>IH', d[e:e + 6])
        here = os.path.join(folder, name(name_offset)) if index else folder
        if flags & 2:
            count, first = struct.unpack('>II', d[e + 6:e + 14])
            for child in range(count):
                walk(first + child, here)
            return
        offset, = struct.unpack('>I', d[e + 10:e + 14])
        size, = struct.unpack('>I', d[data + offset:data + offset + 4])
        blob = d[data + offset + 4:data + offset + 4 + size]
        if flags & 1:
            blob = zlib.decompress(blob[4:])
        os.makedirs(os.path.dirname(here), exist_ok=True)
        open(here, 'wb').write(blob)

    walk(0, out)


def gcompris_licences(root):
    """file path → (author, licence, source) from every README of the unpacked resources."""
    found = {}
    for readme in glob.glob(root + '/**/README', recursive=True):
        text = open(readme, encoding='utf-8', errors='replace').read().replace('\r', '')
        for block in re.split(r'\n\s*\n', text):
            licence = re.search(r'^Licen[cs]e:\s*(.*)$', block, re.M)
            # Most blocks list their files under "Files:"; some list them right after the licence line.
            files = re.search(r'^Files:\s*(.*?)(?=^Comment:|\Z)', block, re.M | re.S)
            names = files.group(1).split() if files else re.findall(r'^(\S+\.\w+)\s*$', block, re.M)
            if not licence or not names:
                continue
            author = re.search(r'^Copyright:\s*(.*)$', block, re.M)
            source = re.search(r'^Source:\s*(.*)$', block, re.M) or re.search(r'source at (\S+)', block)
            comment = re.search(r'^Comment:\s*(.*)$', block, re.M)
            for name in names:
                found[os.path.normpath(os.path.join(os.path.dirname(readme), name))] = (
                    (author.group(1).strip() if author else '')
                    + (' (' + comment.group(1).strip() + ')' if comment else ''),
                    licence.group(1).strip(), source.group(1).strip() if source else '')
    return found


def main(work, out):
    for key, (package, _) in PACKAGES.items():
        target = os.path.join(work, key)
        if not os.path.isdir(target):
            deb = glob.glob(os.path.join(work, package + '_*.deb'))[0]
            subprocess.run(['dpkg', '-x', deb, target], check=True)
    rcc = os.path.join(work, 'gcompris-rcc')
    if not os.path.isdir(rcc):
        for bundle in glob.glob(os.path.join(work, 'gcompris/usr/share/gcompris-qt/rcc/*.rcc')):
            unpack_rcc(bundle, os.path.join(rcc, os.path.basename(bundle)[:-4]))
    licences = gcompris_licences(rcc)
    here = os.path.dirname(os.path.abspath(__file__))
    os.makedirs(os.path.join(out, 'images'), exist_ok=True)
    rows = []
    for line in open(os.path.join(here, 'selection.tsv'), encoding='utf-8'):
        if line.startswith('#') or not line.strip():
            continue
        file, source, accept, wrong = line.rstrip('\n').split('\t')
        kind, path = source.split(':', 1)
        if kind == 'gcompris':
            activity, rest = path.split('/', 1)
            matches = [p for p in glob.glob(f'{rcc}/{activity}/**/{os.path.basename(rest)}', recursive=True)
                       if p.endswith('/' + rest) or ('/resource/' + rest) in p or p.endswith(rest)]
            inside = matches[0]
            author, licence, origin = licences[os.path.normpath(inside)]
            where = 'gcompris-qt-data: /usr/share/gcompris-qt/rcc/' + activity + '.rcc, ' + inside.split(activity + '/', 1)[1]
        elif kind == 'palapeli':
            inside = os.path.join(work, 'palapeli/usr/share/palapeli/collection', path)
            desktop = open(inside.rsplit('.', 1)[0] + '.desktop', encoding='utf-8').read()
            author = re.search(r'^X-KDE-PluginInfo-Author=(.*)$', desktop, re.M).group(1)
            licence = re.search(r'^X-KDE-PluginInfo-License=(.*)$', desktop, re.M).group(1)
            origin = re.search(r'^X-KDE-PluginInfo-Website=(.*)$', desktop, re.M).group(1)
            where = 'palapeli-data: /usr/share/palapeli/collection/' + path
        else:
            inside = glob.glob(f'{work}/tuxpaint/usr/share/tuxpaint/stamps/**/{os.path.basename(path)}', recursive=True)[0]
            author, licence, origin = 'Tux Paint contributors (Bill Kendrick and others)', 'GPL-2+', 'Tux Paint stamps'
            where = 'tuxpaint-stamps-default: ' + inside.split('/tuxpaint/', 1)[1]
        subprocess.run(['convert', inside + ('[0]' if inside.endswith('.webp') else ''), '-colorspace', 'sRGB',
                        '-background', 'white', '-alpha', 'remove', '-alpha', 'off', '-resize', '1024x1024>',
                        '-strip', '-quality', '85', os.path.join(out, 'images', file)], check=True)
        rows.append((file, accept, wrong, PACKAGES[kind][1], where, author, licence, origin))
    rows.sort()
    with open(os.path.join(out, 'photos.tsv'), 'w', encoding='utf-8') as tsv:
        tsv.write('# Generated by tools/everyday/build.py from tools/everyday/selection.tsv; see README.md.\n')
        tsv.write('# file\thalf\taccepted names\twrong names\tpackage\tpath in the package\tauthor\tlicence\toriginal source\n')
        for i, (file, accept, wrong, package, where, author, licence, origin) in enumerate(rows):
            tsv.write('\t'.join([file, 'AB'[i % 2], accept, wrong, package, where, author, licence, origin]) + '\n')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
