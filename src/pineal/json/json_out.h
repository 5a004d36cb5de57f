// Two ways to write one encoder's output: JsonText appends JSON text to a
// string; JsonTree builds an nlohmann::json. An encoder written once against
// this interface (a template over the writer) serves both: the big lists
// answered as text, without building a tree, and the places that embed a
// record in a larger document. Both write what nlohmann's dump() would for
// the same tree, so they stay interchangeable (json_out_test).
//
// Keys are written in the order given; JsonTree sorts them as nlohmann
// objects do, so encoders give them in sorted order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace pineal::codec {

class JsonText {
 public:
  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view key);
  void String(std::string_view s);
  void Int(std::int64_t v);
  void Double(double v);
  void Null();

  void Reserve(std::size_t bytes) { out_.reserve(bytes); }
  std::string Take() { return std::move(out_); }

 private:
  void Open(char c);
  void Close(char c);
  void BeforeValue();
  void AppendEscaped(std::string_view s);

  std::string out_;
  bool first_ = true;  // nothing yet in the open container
  bool after_key_ = false;
};

class JsonTree {
 public:
  void BeginObject() { Push(nlohmann::json::object()); }
  void EndObject() { stack_.pop_back(); }
  void BeginArray() { Push(nlohmann::json::array()); }
  void EndArray() { stack_.pop_back(); }
  void Key(std::string_view key) { key_ = key; }
  void String(std::string_view s) { Put(std::string(s)); }
  void Int(std::int64_t v) { Put(v); }
  void Double(double v) { Put(v); }
  void Null() { Put(nullptr); }

  nlohmann::json Take() { return std::move(root_); }

 private:
  nlohmann::json* Put(nlohmann::json value);
  void Push(nlohmann::json container) { stack_.push_back(Put(std::move(container))); }

  nlohmann::json root_;
  std::vector<nlohmann::json*> stack_;
  std::string key_;
};

// "key": value members, for encoders.
template <typename Out>
void StringField(Out& out, std::string_view key, std::string_view value) {
  out.Key(key);
  out.String(value);
}
template <typename Out>
void IntField(Out& out, std::string_view key, std::int64_t value) {
  out.Key(key);
  out.Int(value);
}
template <typename Out>
void OptIntField(Out& out, std::string_view key, std::optional<std::int64_t> value) {
  out.Key(key);
  if (value) {
    out.Int(*value);
  } else {
    out.Null();
  }
}
template <typename Out>
void OptDoubleField(Out& out, std::string_view key, std::optional<double> value) {
  out.Key(key);
  if (value) {
    out.Double(*value);
  } else {
    out.Null();
  }
}

}  // namespace pineal::codec
