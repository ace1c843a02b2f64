# Reads the pager's trace lines out of a console log booted with trace=pager (format:
# pager/trace.c), for tools/trace-summary and tools/trace-plot:
#   pager: pid N fault ACCESS 0xADDR -> OUTCOME [frames F/B swap S]
#   pager: pid N EVENT DETAIL [frames F/B swap S]
# The state suffix is optional: logs made before the pager printed it still read.
import re
from typing import NamedTuple, Optional

# Matched from "pager: pid" on: the terminal may put carriage returns or timestamps
# before a trace line.
TRACE_START = 'pager: pid '
STATE = re.compile(r' \[frames (\d+)/(\d+) swap (\d+)\]$')
FAULT = re.compile(r'pager: pid (?P<pid>\d+) fault (?P<access>read|write|exec) '
                   r'0x[0-9a-f]+ -> (?P<outcome>[a-z-]+)')
EVENT = re.compile(r'pager: pid (?P<pid>\d+) (?P<event>(?!fault\b)[a-z-]+)(?: (?P<detail>.*))?')
EVICT_HOW = re.compile(r'0x[0-9a-f]+ -> ([a-z-]+)')  # an evict event's detail
EXIT_NAME = re.compile(r'(\S+): exit\((-?\d+)\)\s*$')  # printed by the pager, not traced

# The outcomes and evictions pager/trace.c lists, in its order (filled, copied, nothing
# done, killed); readers put names not listed after these.
OUTCOME_ORDER = ['zero-fill', 'lazy-file', 'shared-file', 'mmap-file', 'stack-grow',
                 'swap-in', 'swap-shared', 'cow-copy', 'cow-reuse', 'write-after-swap',
                 'write-enable', 'spurious', 'kill', 'kill-no-memory', 'kill-io-error']
EVICT_ORDER = ['swap-out', 'swap-clean', 'write-back', 'drop']


class Record(NamedTuple):
    """One trace line. event is 'fault' for a fault, else the event's name; outcome is a
    fault's OUTCOME or an evict's HOW, else None; detail is an event's DETAIL ('' for a
    fault); frames, budget and swap are the state suffix, None when the line has none;
    name is an exit's process name (see read), else None."""
    pid: int
    event: str
    access: Optional[str]
    outcome: Optional[str]
    detail: str
    frames: Optional[int]
    budget: Optional[int]
    swap: Optional[int]
    name: Optional[str]


def read(lines):
    """(records, bad): the Record of each trace line in console lines lines, in order,
    and the text (from "pager: pid" on) of each line that starts a trace line but fits
    neither format. Other lines are skipped, except "NAME: exit(STATUS)", which the
    pager prints just before a process's exit trace line: when the statuses agree, it
    names that process (a program's own output may look the same; it is followed by
    another line)."""
    records, bad = [], []
    named = None  # (name, status) of an exit line, until the next trace line
    for line in lines:
        at = line.find(TRACE_START)
        if at < 0:
            m = EXIT_NAME.search(line)
            if m:
                named = m.groups()
            continue
        text = line[at:].rstrip()
        rec = record(text, named)
        named = None
        if rec:
            records.append(rec)
        else:
            bad.append(text)
    return records, bad


def record(text, named):
    """The Record of trace line text, named by named (see read) or None; None when text
    fits neither format."""
    state = STATE.search(text)
    body = text[:state.start()] if state else text
    frames, budget, swap = (int(n) for n in state.groups()) if state else (None,) * 3
    m = FAULT.fullmatch(body)
    if m:
        return Record(int(m['pid']), 'fault', m['access'], m['outcome'], '', frames, budget,
                      swap, None)
    m = EVENT.fullmatch(body)
    if not m:
        return None
    detail = m['detail'] or ''
    how = EVICT_HOW.match(detail) if m['event'] == 'evict' else None
    name = (named[0] if m['event'] == 'exit' and named and detail.split(' ')[0] == named[1]
            else None)
    return Record(int(m['pid']), m['event'], None, how.group(1) if how else None, detail,
                  frames, budget, swap, name)


def ordered(names, order):
    """The names of names, those in order first and in its order, the rest sorted."""
    return [n for n in order if n in names] + sorted(n for n in names if n not in order)
