/// Finds the name a file probably meant when a required name is absent: `syncro_tickt_id` for
/// `syncro_ticket_id`, the CSV column `ticket_ident` for it too.
///
/// A candidate is an unknown name that is within a third of the wanted name's length in edits, or that shares a
/// word with it other than `id` (words split at `_` and at capitals, case-insensitively). Among candidates the
/// nearest in edits wins, the first in file order on a tie. Names that look like neither (`notes`) are no
/// suggestion: naming one would send the reader after the wrong thing.
package enum Misspelling {
    package static func closest(to wanted: String, among unknown: some Sequence<String>) -> String? {
        let wantedWords = words(wanted).subtracting(["id"])
        var best: (name: String, distance: Int)?
        for name in unknown {
            let distance = editDistance(name.lowercased(), wanted.lowercased())
            let similar = distance * 3 <= wanted.count || !words(name).isDisjoint(with: wantedWords)
            guard similar, distance < best?.distance ?? Int.max else { continue }
            best = (name, distance)
        }
        return best?.name
    }

    /// The lower-case words of a snake_case or camelCase name.
    package static func words(_ name: String) -> Set<String> {
        var result = Set<String>()
        var word = ""
        for character in name {
            if character == "_" || character == "-" || character.isUppercase {
                if !word.isEmpty { result.insert(word) }
                word = character.isUppercase ? character.lowercased() : ""
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { result.insert(word) }
        return result
    }

    /// The Levenshtein distance: insertions, deletions and substitutions of characters.
    package static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
