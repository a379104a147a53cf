"""Network planning: topology services, coverage, programme targets, capacity and policy facts.

Modules:
    topology   -- audited write services for links, intranet nodes, connections and article-5 profiles
    graph      -- the extranet as a networkx graph, and which platform serves an organisation
    coverage   -- coverage of every province / prefecture / county on a date, from the registry
    snapshots  -- CoverageSnapshot rows (``egovnet coverage --snapshot``) and their history
    intranet   -- article-2 facts: six-organ matrix and provincial secure links (attested only)
    targets    -- programme targets, status and slippage forecast
    capacity   -- article-6 demand routed over the topology, hot spots, what-if
    facts      -- plain per-department / per-province facts for the policy engine
"""
