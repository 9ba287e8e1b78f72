import json, sys, collections, statistics
def load(f, skip=10):
    ev = json.load(open(f))
    runs = [e for e in ev if e.get('cat')=='Session' and e['name']=='model_run']
    nodes = [e for e in ev if e.get('cat')=='Node' and e['name'].endswith('_kernel_time')]
    # assign nodes to runs by ts
    runs.sort(key=lambda e:e['ts'])
    keep = runs[skip:]
    lo = keep[0]['ts']
    per_op = collections.defaultdict(float); per_node = collections.defaultdict(float)
    n = len(keep)
    for e in nodes:
        if e['ts'] >= lo:
            per_op[e['args']['op_name']] += e['dur']/n
            per_node[e['name'][:-12]] += e['dur']/n
    run_ms = statistics.median([r['dur'] for r in keep])/1000
    return run_ms, per_op, per_node
fs = sys.argv[1:]
res = [load(f) for f in fs]
for f,(r,po,pn) in zip(fs,res):
    print(f.split('/')[-1], 'model_run median ms %.2f, sum kernels ms %.2f, nodes %d' % (r, sum(po.values())/1000, len(pn)))
ops = sorted(set().union(*[r[1].keys() for r in res]))
print('%-22s' % 'op' + ''.join('%10s' % f.split('_')[3] for f in fs) + '  head+tail-full')
for o in ops:
    v = [r[1].get(o,0)/1000 for r in res]
    print('%-22s' % o + ''.join('%10.3f' % x for x in v) + '  %+.3f' % (v[1]+v[2]-v[0]))
