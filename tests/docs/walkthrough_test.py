#!/usr/bin/env python3
# The page-fault walkthroughs stay true to the code: pager/README.md ("What happens on a
# page fault" and its subsections) and docs/architecture.md ("How a user page fault
# travels", "The pager's virtual memory"). Boots `run fork-cow trace=pager` under
# -icount (the same trace every run) and checks that
#   - the README's trace excerpt is the run's: the lines before "..." are its first trace
#     lines, the lines after it follow one another later in the trace;
#   - every address in the steps that follow the excerpt is in the excerpt, and
#     "`0xADDR` is `SYMBOL`" holds in fork-cow's symbol table;
#   - in every section, a code span that reads as C with a "(" (a signature or a call)
#     is in a source file, whitespace aside; an identifier span with a "_" (or a name
#     with "()") is a word of the sources; a file span names a file; and a function
#     named with its file ("`name` in `FILE`", "`name` (`FILE`", "`name`, `FILE`") is a
#     word of that file.
# On failure it prints each stale claim and the run's trace, to paste from.
#   walkthrough_test.py        (BUILD_DIR as for tools/run; run by tools/test)
import glob
import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'tools'))
import qemu  # noqa: E402

PROGRAM = 'fork-cow'
DOCS = [('pager/README.md', '## What happens on a page fault'),
        ('docs/architecture.md', '## How a user page fault travels'),
        ('docs/architecture.md', "## The pager's virtual memory")]
SOURCES = ('abi', 'boot', 'kernel', 'lib', 'pager', 'disk', 'user')
SPAN = re.compile(r'`([^`\n]+)`')
C_CODE = re.compile(r'^[A-Za-z_][\w\s*&,()>.-]*\($')
IDENT = re.compile(r'^[A-Za-z_]\w*_\w*$')
PATH = re.compile(r'^[\w./-]+\.(c|h|asm|ld|py)$')
ADDR = re.compile(r'\b0x[0-9a-f]+\b')


def section(doc, heading):
    """The text of doc from heading to the next heading of the same level."""
    with open(os.path.join(ROOT, doc)) as f:
        text = f.read()
    start = text.index(heading + '\n')
    end = text.find('\n## ', start + len(heading))
    return text[start:end if end >= 0 else len(text)]


def squeeze(text):
    return ' '.join(text.split())


def sources():
    """{path relative to ROOT: text, whitespace squeezed} of every C/asm source file."""
    files = {}
    for top in SOURCES:
        for ext in ('c', 'h', 'asm', 'ld'):
            for path in glob.glob(os.path.join(ROOT, top, '**', '*.' + ext), recursive=True):
                with open(path, errors='replace') as f:
                    files[os.path.relpath(path, ROOT)] = squeeze(f.read())
    return files


def code_claims(doc, text, files):
    """The stale code spans, file names and "NAME in FILE" pairs of text, as messages."""
    here = os.path.dirname(doc)
    words = set(re.findall(r'\w+', ' '.join(files.values())))
    problems = []
    for span in SPAN.findall(text):
        if span.endswith('()'):  # a function by name
            span = span[:-2]
        if '(' in span and C_CODE.match(span.split('(')[0] + '('):
            if not any(squeeze(span) in body for body in files.values()):
                problems.append(f'{doc}: `{span}` is in no source file')
        elif IDENT.match(span) and span not in words:
            problems.append(f'{doc}: `{span}` is no word of the sources')
        elif PATH.match(span) and not any(os.path.exists(os.path.join(ROOT, d, span))
                                          for d in ('', here)):
            problems.append(f'{doc}: `{span}`: no such file')
    for name, path in re.findall(r'`([a-z_][a-z0-9_]*)`(?:\s+in\s+|\s*\(|,\s*)`([\w/.]+\.[ch])`', text):
        body = files.get(path) or files.get(os.path.join(here, path), '')
        if not re.search(r'\b' + name + r'\b', body):
            problems.append(f'{doc}: `{name}` is not in `{path}`')
    return problems


def excerpt_claims(text, trace):
    """The stale lines of the trace excerpt in text (the first ``` block of pager:
    lines) and stale addresses of its prose, as messages."""
    block = next(b for b in re.findall(r'```\n(.*?)```', text, re.S) if b.startswith('pager:'))
    parts = [p.strip().splitlines() for p in block.split('...\n')]
    problems = []
    if trace[:len(parts[0])] != parts[0]:
        problems.append('pager/README.md: the excerpt does not start as the trace does')
    at = len(parts[0])
    for part in parts[1:]:
        found = next((i for i in range(at, len(trace)) if trace[i:i + len(part)] == part), None)
        if found is None:
            problems.append(f'pager/README.md: not in the trace (after line {at}): {part}')
        else:
            at = found + len(part)
    # The walkthrough proper: the paragraph after the excerpt and the numbered steps.
    after = text[text.index(block) + len(block):]
    prose = after[:after.index('\n\n', after.index('\n1. '))]
    for addr in sorted(set(ADDR.findall(prose))):
        if addr not in block:
            problems.append(f'pager/README.md: {addr} is not in the excerpt')
    nm = subprocess.run(['llvm-nm', os.path.join(qemu.build_dir(), 'user', 'programs', PROGRAM)],
                        capture_output=True, text=True, check=True).stdout
    symbols = {f[2]: int(f[0], 16) for f in (line.split() for line in nm.splitlines())
               if len(f) == 3}
    for addr, name in re.findall(r'`(0x[0-9a-f]+)` is `(\w+)`', prose):
        if symbols.get(name) != int(addr, 16):
            where = hex(symbols[name]) if name in symbols else 'not a symbol'
            problems.append(f'pager/README.md: {addr} is not `{name}` ({where})')
    return problems


def boot_trace():
    """The trace=pager lines of one run of PROGRAM (the run must end with exit(0))."""
    with qemu.run_disks(qemu.build_dir()) as (image, swap):
        cmd = qemu.command(image, swap, cmdline=f'run {PROGRAM} trace=pager', icount=True)
        _, lines, reason = qemu.watch(cmd, 60, lambda line: None, stderr=subprocess.DEVNULL)
    if reason or not any(f'{PROGRAM}: exit(0)' in line for line in lines):
        sys.exit(f'FAIL: {PROGRAM} did not run to exit(0): {reason or lines[-1:]}')
    return [line.strip() for line in lines if line.startswith('pager: pid ')]


def main():
    files = sources()
    trace = boot_trace()
    problems = []
    for doc, heading in DOCS:
        text = section(doc, heading)
        problems += code_claims(doc, text, files)
        if doc == 'pager/README.md':
            problems += excerpt_claims(text, trace)
    if problems:
        print('\n'.join(problems))
        print(f'--- the trace of run {PROGRAM} trace=pager ---\n' + '\n'.join(trace))
        print(f'FAIL: {len(problems)} stale claim(s) in the walkthroughs, first: {problems[0]}')
        return 1
    print(f'PASS: the walkthroughs match the code and a run of {PROGRAM}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
