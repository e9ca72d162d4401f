#!/usr/bin/env python3
"""Writes a large synthetic runbook (default ~5 MB) in the shape real runbooks have.

usage: gen_runbook.py OUT.md [BYTES]
"""
import sys

target = int(sys.argv[2]) if len(sys.argv) > 2 else 5 * 1024 * 1024
path = sys.argv[1]

HEADER = """---
owner: sre
service: orders
---
# Synthetic rollback runbook

**Severity:** Critical
**Estimated Time:** 5-10 minutes

"""

SECTION = """## Phase {i}: Rollback step {i} (2-5 minutes)

Quickly evaluate the situation for shard {i}. Check twice before acting.

| Condition | Action |
|-----------|--------|
| Error rate > 5% | Rollback now |
| Latency spike on shard {i} | Investigate 5 min, then decide |

### {i}.1 Option A: Kubernetes

```bash
# 1. Check current state
kubectl get deployment $SERVICE-{i} -o wide
kubectl rollout history deployment/$SERVICE-{i}

# 2. Roll back
kubectl rollout undo deployment/$SERVICE-{i} --to-revision=<revision>
aws ecs update-service \\
  --cluster $CLUSTER \\
  --service $SERVICE-{i} \\
  --task-definition $SERVICE:$PREVIOUS_REVISION
kubectl patch svc $SERVICE-{i} -p '
spec:
  selector:
    version: blue
'
STABLE=$(curl -s https://api.example.com/shards/{i}/stable | jq -r .version)
if [ "$STABLE" != "v2.0.0" ]; then
  echo "unexpected stable version $STABLE"
fi
cat <<DONE > /tmp/shard-{i}.txt
shard {i} rolled back to $STABLE
DONE
```

### {i}.2 Option B: Restore

```bash
kubectl scale deployment/$SERVICE-{i} --replicas=0
pg_restore -d $DATABASE [backup-id]
```

**Verification**:
- [ ] Error rate: ____% (>5% = critical)
- [ ] Pods healthy on shard {i}
  - [ ] Readiness probes green
- [x] Team notified

Monitor for 5-10 minutes:

```
Time after rollback    Error Rate    Status
+2 minutes             2.1%          Dropping
```

```markdown
## \U0001F6A8 Rollback of shard {i} in progress
**Service:** orders
```

"""

with open(path, "w", encoding="utf-8") as out:
    out.write(HEADER)
    size = len(HEADER.encode())
    i = 1
    while size < target:
        chunk = SECTION.format(i=i)
        out.write(chunk)
        size += len(chunk.encode())
        i += 1
print(f"{path}: {size} bytes, {i - 1} phases")
