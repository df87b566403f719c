// Clusters started by these tests each use several processes or silos on a 2-core machine; one at a time
// keeps failure detection honest (a starved silo is not a dead one).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
