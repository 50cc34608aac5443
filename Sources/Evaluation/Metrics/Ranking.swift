/// Position of class `index` when `scores` are sorted high to low, ties broken by lower index
/// first (so rank 0 is `argmax` as numpy returns it: the first maximum).
func rank(of index: Int, in scores: [Float]) -> Int {
    let score = scores[index]
    var rank = 0
    for (other, value) in scores.enumerated() where value > score || (value == score && other < index) {
        rank += 1
    }
    return rank
}

/// Index of the first maximum of `scores`.
func argmax(_ scores: [Float]) -> Int {
    var best = 0
    for (index, value) in scores.enumerated() where value > scores[best] { best = index }
    return best
}
