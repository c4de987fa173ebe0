package dev.valuator.marketdata.plan;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Chooses the fewest aggregates calls that cover every missing (symbol, date) cell: a grouped
 * daily call covers one date for every symbol, a per-symbol range call covers every date of one
 * symbol. The cheapest set of calls is a minimum vertex cover of the bipartite graph symbols ×
 * dates whose edges are the missing cells; by König's theorem it has the size of a maximum
 * matching, found here with Hopcroft–Karp, and read off the alternating-path reachability.
 */
public final class FetchPlanner {

    private FetchPlanner() {}

    /**
     * The plan.
     *
     * @param groupedDates dates fetched with one grouped-daily call each, ascending
     * @param perSymbol symbols fetched with one range call each, with the range (first..last missing date)
     */
    public record FetchPlan(SortedSet<LocalDate> groupedDates, Map<String, DateRange> perSymbol) {

        public int calls() {
            return groupedDates.size() + perSymbol.size();
        }

        /** GROUPED_DAILY, PER_SYMBOL, MIXED or NONE, as reported in {@code price.plan}. */
        public String label() {
            if (groupedDates.isEmpty()) {
                return perSymbol.isEmpty() ? "NONE" : "PER_SYMBOL";
            }
            return perSymbol.isEmpty() ? "GROUPED_DAILY" : "MIXED";
        }
    }

    /** An inclusive range of dates. */
    public record DateRange(LocalDate from, LocalDate to) {}

    /** The minimum plan covering every missing cell (symbol → its missing dates). */
    public static FetchPlan plan(Map<String, ? extends Collection<LocalDate>> missing) {
        List<String> symbols = new ArrayList<>();
        Map<LocalDate, Integer> dateIndex = new TreeMap<>();
        for (var entry : new TreeMap<>(missing).entrySet()) {
            if (!entry.getValue().isEmpty()) {
                symbols.add(entry.getKey());
                for (LocalDate d : entry.getValue()) {
                    dateIndex.putIfAbsent(d, 0);
                }
            }
        }
        List<LocalDate> dates = new ArrayList<>(dateIndex.keySet());
        for (int i = 0; i < dates.size(); i++) {
            dateIndex.put(dates.get(i), i);
        }
        int[][] adjacency = new int[symbols.size()][];
        for (int s = 0; s < symbols.size(); s++) {
            adjacency[s] = missing.get(symbols.get(s)).stream()
                    .distinct()
                    .mapToInt(dateIndex::get)
                    .sorted()
                    .toArray();
        }
        boolean[][] cover = minimumVertexCover(adjacency, dates.size());
        SortedSet<LocalDate> grouped = new TreeSet<>();
        for (int d = 0; d < dates.size(); d++) {
            if (cover[1][d]) {
                grouped.add(dates.get(d));
            }
        }
        Map<String, DateRange> perSymbol = new TreeMap<>();
        for (int s = 0; s < symbols.size(); s++) {
            if (cover[0][s]) {
                int[] own = adjacency[s];
                perSymbol.put(symbols.get(s), new DateRange(dates.get(own[0]), dates.get(own[own.length - 1])));
            }
        }
        return new FetchPlan(grouped, perSymbol);
    }

    /**
     * König: with a maximum matching, let Z be the vertices reachable from unmatched left
     * vertices by alternating paths (left→right on any edge, right→left on matched edges).
     * Then (L \ Z) ∪ (R ∩ Z) is a minimum vertex cover. Returns {left cover, right cover}.
     */
    static boolean[][] minimumVertexCover(int[][] adjacency, int rightCount) {
        int leftCount = adjacency.length;
        int[] matchLeft = new int[leftCount];
        int[] matchRight = new int[rightCount];
        Arrays.fill(matchLeft, -1);
        Arrays.fill(matchRight, -1);
        hopcroftKarp(adjacency, matchLeft, matchRight);

        boolean[] visitedLeft = new boolean[leftCount];
        boolean[] visitedRight = new boolean[rightCount];
        Deque<Integer> queue = new ArrayDeque<>();
        for (int u = 0; u < leftCount; u++) {
            if (matchLeft[u] < 0) {
                visitedLeft[u] = true;
                queue.add(u);
            }
        }
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int v : adjacency[u]) {
                if (!visitedRight[v] && matchLeft[u] != v) {
                    visitedRight[v] = true;
                    int w = matchRight[v];
                    if (w >= 0 && !visitedLeft[w]) {
                        visitedLeft[w] = true;
                        queue.add(w);
                    }
                }
            }
        }
        boolean[] leftCover = new boolean[leftCount];
        for (int u = 0; u < leftCount; u++) {
            leftCover[u] = !visitedLeft[u];
        }
        return new boolean[][] {leftCover, visitedRight};
    }

    /** Hopcroft–Karp maximum matching: O(E·√V). Returns the matching's size. */
    static int hopcroftKarp(int[][] adjacency, int[] matchLeft, int[] matchRight) {
        int leftCount = adjacency.length;
        int[] layer = new int[leftCount];
        int size = 0;
        while (bfs(adjacency, matchLeft, matchRight, layer)) {
            int[] next = new int[leftCount];
            for (int u = 0; u < leftCount; u++) {
                if (matchLeft[u] < 0 && dfs(u, adjacency, matchLeft, matchRight, layer, next)) {
                    size++;
                }
            }
        }
        return size;
    }

    private static boolean bfs(int[][] adjacency, int[] matchLeft, int[] matchRight, int[] layer) {
        Deque<Integer> queue = new ArrayDeque<>();
        for (int u = 0; u < adjacency.length; u++) {
            if (matchLeft[u] < 0) {
                layer[u] = 0;
                queue.add(u);
            } else {
                layer[u] = Integer.MAX_VALUE;
            }
        }
        boolean foundFree = false;
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int v : adjacency[u]) {
                int w = matchRight[v];
                if (w < 0) {
                    foundFree = true;
                } else if (layer[w] == Integer.MAX_VALUE) {
                    layer[w] = layer[u] + 1;
                    queue.add(w);
                }
            }
        }
        return foundFree;
    }

    // iterative DFS along the BFS layers; `next` remembers each vertex's next edge to try
    private static boolean dfs(
            int start, int[][] adjacency, int[] matchLeft, int[] matchRight, int[] layer, int[] next) {
        Deque<Integer> path = new ArrayDeque<>();
        path.push(start);
        while (!path.isEmpty()) {
            int u = path.peek();
            if (next[u] >= adjacency[u].length) {
                layer[u] = Integer.MAX_VALUE;
                path.pop();
                continue;
            }
            int v = adjacency[u][next[u]++];
            int w = matchRight[v];
            if (w < 0) {
                // augment along the stack: each left vertex on it takes the right vertex it last tried
                int right = v;
                while (!path.isEmpty()) {
                    int left = path.pop();
                    int previous = matchLeft[left];
                    matchLeft[left] = right;
                    matchRight[right] = left;
                    right = previous;
                }
                return true;
            }
            if (layer[w] == layer[u] + 1) {
                path.push(w);
            }
        }
        return false;
    }
}
