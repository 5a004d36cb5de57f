#include "pineal/json/json_out.h"

#include <charconv>

namespace pineal::codec {

void JsonText::Open(char c) {
  BeforeValue();
  out_ += c;
  first_ = true;
}

void JsonText::Close(char c) {
  out_ += c;
  first_ = false;
}

void JsonText::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_) out_ += ',';
  first_ = false;
}

void JsonText::Key(std::string_view key) {
  BeforeValue();
  AppendEscaped(key);
  out_ += ':';
  after_key_ = true;
}

void JsonText::String(std::string_view s) {
  BeforeValue();
  AppendEscaped(s);
}

void JsonText::Int(std::int64_t v) {
  BeforeValue();
  char buf[24];
  auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  out_.append(buf, end);
}

void JsonText::Double(double v) {
  BeforeValue();
  // nlohmann's own number format (shortest round trip, "1.0", null for
  // non-finite): doubles are few, and one format everywhere matters more.
  out_ += nlohmann::json(v).dump();
}

void JsonText::Null() {
  BeforeValue();
  out_ += "null";
}

void JsonText::AppendEscaped(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) {
      // Beyond ASCII: nlohmann checks the UTF-8 (and refuses a broken one).
      out_ += nlohmann::json(std::string(s)).dump();
      return;
    }
  }
  out_ += '"';
  std::size_t run = 0;  // start of the characters not yet written
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20) continue;
    out_.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        const char escape[] = {'\\', 'u', '0', '0', kHex[(c >> 4) & 0xf], kHex[c & 0xf]};
        out_.append(escape, sizeof escape);
      }
    }
  }
  out_.append(s.data() + run, s.size() - run);
  out_ += '"';
}

nlohmann::json* JsonTree::Put(nlohmann::json value) {
  if (stack_.empty()) {
    root_ = std::move(value);
    return &root_;
  }
  nlohmann::json& parent = *stack_.back();
  if (parent.is_array()) {
    parent.push_back(std::move(value));
    return &parent.back();
  }
  auto& object = *parent.get_ptr<nlohmann::json::object_t*>();
  return &(object[key_] = std::move(value));
}

}  // namespace pineal::codec
