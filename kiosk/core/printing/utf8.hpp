#pragma once
// UTF-8 decoding for the ticket layout. Invalid bytes decode as U+FFFD, never throw.
#include <string>
#include <string_view>

namespace kiosk::printing {

std::u32string decode_utf8(std::string_view text);
std::string encode_utf8(std::u32string_view text);

}  // namespace kiosk::printing
