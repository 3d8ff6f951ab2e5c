#include "kiosk/core/places/csv.hpp"

#include <sstream>

namespace kiosk::places::csv {

int Reader::get() {
    int c = in_.get();
    if (c == '\n') ++line_;
    return c;
}

bool Reader::next(Record& out, std::string& error) {
    out.fields.clear();
    error.clear();
    if (!started_) {
        started_ = true;
        // Skip a UTF-8 BOM.
        if (in_.peek() == 0xEF) {
            char bom[3];
            in_.read(bom, 3);
            if (!(in_.gcount() == 3 && static_cast<unsigned char>(bom[1]) == 0xBB &&
                  static_cast<unsigned char>(bom[2]) == 0xBF)) {
                in_.clear();
                in_.seekg(0);
            }
        }
    }
    int c = in_.peek();
    if (c == std::char_traits<char>::eof()) return false;
    out.line = line_;
    std::string field;
    enum class State { FieldStart, Unquoted, Quoted, AfterQuote } state = State::FieldStart;
    for (;;) {
        c = get();
        const bool eof = c == std::char_traits<char>::eof();
        switch (state) {
            case State::FieldStart:
                if (eof || c == '\n') {
                    out.fields.push_back(std::move(field));
                    return true;
                }
                if (c == '\r' && in_.peek() == '\n') continue;
                if (c == '"') {
                    state = State::Quoted;
                    continue;
                }
                if (c == sep_) {
                    out.fields.push_back(std::move(field));
                    field.clear();
                    continue;
                }
                field.push_back(static_cast<char>(c));
                state = State::Unquoted;
                continue;
            case State::Unquoted:
                if (eof || c == '\n') {
                    out.fields.push_back(std::move(field));
                    return true;
                }
                if (c == '\r' && in_.peek() == '\n') continue;
                if (c == sep_) {
                    out.fields.push_back(std::move(field));
                    field.clear();
                    state = State::FieldStart;
                    continue;
                }
                if (c == '"' && error.empty())
                    error = "quote inside an unquoted field " + std::to_string(out.fields.size() + 1);
                field.push_back(static_cast<char>(c));
                continue;
            case State::Quoted:
                if (eof) {
                    if (error.empty())
                        error = "unterminated quoted field " + std::to_string(out.fields.size() + 1);
                    out.fields.push_back(std::move(field));
                    return true;
                }
                if (c == '"') {
                    state = State::AfterQuote;
                    continue;
                }
                field.push_back(static_cast<char>(c));
                continue;
            case State::AfterQuote:
                if (c == '"') {
                    field.push_back('"');
                    state = State::Quoted;
                    continue;
                }
                if (eof || c == '\n') {
                    out.fields.push_back(std::move(field));
                    return true;
                }
                if (c == '\r' && in_.peek() == '\n') continue;
                if (c == sep_) {
                    out.fields.push_back(std::move(field));
                    field.clear();
                    state = State::FieldStart;
                    continue;
                }
                if (error.empty())
                    error = "text after the closing quote of field " + std::to_string(out.fields.size() + 1);
                field.push_back(static_cast<char>(c));
                state = State::Unquoted;
                continue;
        }
    }
}

std::vector<Record> parse(std::string_view text, std::vector<std::string>* errors) {
    std::istringstream in{std::string(text)};
    Reader reader(in);
    std::vector<Record> out;
    Record r;
    std::string error;
    while (reader.next(r, error)) {
        if (!error.empty() && errors) errors->push_back("line " + std::to_string(r.line) + ": " + error);
        out.push_back(r);
    }
    return out;
}

void write_field(std::ostream& out, std::string_view field, char separator) {
    bool quote = !field.empty() && (field.front() == ' ' || field.back() == ' ');
    for (char c : field)
        if (c == separator || c == '"' || c == '\n' || c == '\r') quote = true;
    if (!quote) {
        out << field;
        return;
    }
    out << '"';
    for (char c : field) {
        if (c == '"') out << '"';
        out << c;
    }
    out << '"';
}

void write_record(std::ostream& out, const std::vector<std::string>& fields, bool quote_all, char separator) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) out << separator;
        if (quote_all) {
            out << '"';
            for (char c : fields[i]) {
                if (c == '"') out << '"';
                out << c;
            }
            out << '"';
        } else {
            write_field(out, fields[i], separator);
        }
    }
    out << '\n';
}

}  // namespace kiosk::places::csv
