#pragma once
// The gazetteer: every French commune, to search "near a commune or a postal code".
// Built by content/tools from open data and committed as content/communes.tsv:
//   a header line, then one commune a line, tab-separated:
//   insee  name  department  postal_codes(space-separated)  population  latitude  longitude
//   coordinates_source  kind  parent
// kind is "commune", "arrondissement" (of Paris, Lyon, Marseille) or "former" (a former commune merged into a
// current one: a commune déléguée or associée); parent is, for the last two, the INSEE code of the current
// commune they belong to. A file of the first 8 columns only is read as communes alone.
#include <array>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::places {

// A commune's postal codes, 5 characters each, end to end in one string ("420004210042230"): up to three
// codes (most communes have one) in the string itself, without a heap block. A std::vector<std::string> took
// 24 bytes and a heap block of 32 bytes a code, plus the allocator's own, on each of ~37 500 rows.
class PostalCodes {
  public:
    static constexpr std::size_t kLength = 5;
    class iterator {
      public:
        using value_type = std::string_view;
        using difference_type = std::ptrdiff_t;
        iterator() = default;
        iterator(const char* at) : at_(at) {}
        std::string_view operator*() const { return {at_, kLength}; }
        iterator& operator++() {
            at_ += kLength;
            return *this;
        }
        iterator operator++(int) {
            iterator before = *this;
            at_ += kLength;
            return before;
        }
        friend bool operator==(iterator a, iterator b) { return a.at_ == b.at_; }

      private:
        const char* at_ = nullptr;
    };

    PostalCodes() = default;
    PostalCodes(std::initializer_list<std::string_view> codes) {
        for (std::string_view c : codes) push_back(c);
    }
    PostalCodes(const std::vector<std::string>& codes) {
        for (const std::string& c : codes) push_back(c);
    }
    // A code of another length than 5 is not kept (load_communes refuses the line before).
    void push_back(std::string_view code) {
        if (code.size() == kLength) chars_.append(code);
    }
    std::size_t size() const { return chars_.size() / kLength; }
    bool empty() const { return chars_.empty(); }
    std::string_view operator[](std::size_t i) const {
        return std::string_view(chars_).substr(i * kLength, kLength);
    }
    std::string_view front() const { return (*this)[0]; }
    iterator begin() const { return iterator(chars_.data()); }
    iterator end() const { return iterator(chars_.data() + chars_.size()); }
    bool operator==(const std::vector<std::string>& codes) const {
        if (codes.size() != size()) return false;
        for (std::size_t i = 0; i < codes.size(); ++i)
            if (codes[i] != (*this)[i]) return false;
        return true;
    }

  private:
    std::string chars_;
};

struct Commune {
    enum class Kind : std::uint8_t { Commune, Arrondissement, Former };
    std::string insee;         // INSEE code, "42147", "2A004" (a former commune's may be its parent's)
    std::string name;          // official name, with accents: "Saint-Étienne"
    std::string department;    // "42", "2A", "974"
    PostalCodes postal_codes;  // La Poste codes (none for a former commune)
    int population = 0;        // 0 for a former commune (not in the sources)
    double latitude = 0, longitude = 0;
    // Where the position comes from (documented in content/tools): one of a few words, a view of static text
    // (intern_source), not a std::string on each row.
    std::string_view coordinates_source;
    Kind kind = Kind::Commune;
    // An arrondissement's or former commune's current commune: its INSEE code, all zero bytes for a commune
    // (5 chars, not a std::string: 32 bytes less on each of ~37 500 rows).
    std::array<char, 5> parent_code{};

    std::string_view parent() const {
        return parent_code[0] ? std::string_view(parent_code.data(), parent_code.size()) : std::string_view();
    }
};

// A static copy of a coordinates source's name: the known ones are constants, another is kept once.
std::string_view intern_source(std::string_view source);

// Reads content/communes.tsv. Bad lines are reported ("file:line: reason") and skipped.
std::vector<Commune> load_communes(const std::filesystem::path& tsv, std::vector<std::string>& errors);

}  // namespace kiosk::places
