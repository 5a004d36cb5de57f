#include "pineal/json/json_reader.h"

#include <cmath>
#include <limits>

namespace pineal::codec {
namespace {

// Depth of nested arrays/objects, counted without parsing so that a hostile
// body cannot exhaust the parser's stack.
size_t MaxDepth(std::string_view body) {
  size_t depth = 0, max_depth = 0;
  bool in_string = false, escaped = false;
  for (char c : body) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      max_depth = std::max(max_depth, ++depth);
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return max_depth;
}

Status WrongType(const std::string& field, const char* expected, const nlohmann::json& j) {
  return Status::InvalidArgument(std::string("must be ") + expected + ", not " + JsonTypeName(j),
                                 field);
}

}  // namespace

std::string JsonTypeName(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return "a number";
    default: return "an unsupported value";
  }
}

namespace {

// A SAX pass that finds the first key repeated in one object. nlohmann keeps
// the last of duplicate keys, so without it {"amount": "2 mg", "amount":
// "900 g"} would quietly mean 900 g.
class DuplicateKeyFinder : public nlohmann::json_sax<nlohmann::json> {
 public:
  std::string duplicate;  // path of the first repeated key, if any

  bool null() override { return Value(); }
  bool boolean(bool) override { return Value(); }
  bool number_integer(number_integer_t) override { return Value(); }
  bool number_unsigned(number_unsigned_t) override { return Value(); }
  bool number_float(number_float_t, const string_t&) override { return Value(); }
  bool string(string_t&) override { return Value(); }
  bool binary(binary_t&) override { return Value(); }
  bool start_object(std::size_t) override {
    frames_.push_back({true, {}, {}, 0});
    return true;
  }
  bool key(string_t& k) override {
    Frame& f = frames_.back();
    f.key = k;
    if (!f.keys.insert(k).second) {
      duplicate = Path();
      return false;  // stop: one error is enough
    }
    return true;
  }
  bool end_object() override { return End(); }
  bool start_array(std::size_t) override {
    frames_.push_back({false, {}, {}, 0});
    return true;
  }
  bool end_array() override { return End(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  struct Frame {
    bool object;
    std::set<std::string> keys;
    std::string key;    // the current member's key (objects)
    std::size_t index;  // the current element's index (arrays)
  };
  // After a value, an array moves on to its next element.
  bool Value() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
    return true;
  }
  bool End() {
    frames_.pop_back();
    return Value();
  }
  std::string Path() const {
    std::string out;
    for (const Frame& f : frames_) {
      if (f.object) {
        if (!out.empty()) out += '.';
        out += f.key;
      } else {
        out += "[" + std::to_string(f.index) + "]";
      }
    }
    return out;
  }
  std::vector<Frame> frames_;
};

}  // namespace

Result<nlohmann::json> ParseJson(std::string_view text) {
  if (MaxDepth(text) > kMaxJsonDepth) {
    return Status::InvalidArgument("nests deeper than 32 levels");
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based: the byte at which the parser gave up.
    return Status::InvalidArgument("is not valid JSON (error at byte " + std::to_string(e.byte) +
                                   ")");
  } catch (const nlohmann::json::exception&) {
    // out_of_range.406: a number such as 1e400 that no double holds.
    return Status::InvalidArgument("is not valid JSON (a number is out of range)");
  }
  DuplicateKeyFinder finder;
  nlohmann::json::sax_parse(text, &finder);
  if (!finder.duplicate.empty()) {
    return Status::InvalidArgument("appears twice in one object; give each field once",
                                   finder.duplicate);
  }
  return j;
}

Result<nlohmann::json> ParseJsonObject(std::string_view body) {
  auto j = ParseJson(body);
  if (!j.ok()) {
    const Status& st = j.status();
    if (!st.field().empty()) return st;
    return Status::InvalidArgument("the body " + st.message());
  }
  if (!j->is_object()) {
    return Status::InvalidArgument("the body must be a JSON object, not " + JsonTypeName(*j));
  }
  return j;
}

JsonReader::JsonReader(const nlohmann::json& object, std::string prefix)
    : object_(object), prefix_(std::move(prefix)) {}

std::string JsonReader::FieldName(const char* key) const {
  return prefix_.empty() ? std::string(key) : prefix_ + "." + key;
}

bool JsonReader::Has(const char* key) const {
  auto it = object_.find(key);
  return it != object_.end() && !it->is_null();
}

const nlohmann::json* JsonReader::Raw(const char* key) {
  seen_.insert(key);
  auto it = object_.find(key);
  return it == object_.end() ? nullptr : &*it;
}

const nlohmann::json* JsonReader::Find(const char* key, Need need, Status* missing) {
  seen_.insert(key);
  auto it = object_.find(key);
  if (it == object_.end() || it->is_null()) {
    if (need == Need::kRequired) *missing = Status::InvalidArgument("is required", FieldName(key));
    return nullptr;
  }
  return &*it;
}

Status JsonReader::Get(const char* key, std::string* out, Need need) {
  Status st;
  const nlohmann::json* j = Find(key, need, &st);
  if (!j) return st;
  if (!j->is_string()) return WrongType(FieldName(key), "a string", *j);
  *out = j->get<std::string>();
  return Status::Ok();
}

Status JsonReader::Get(const char* key, bool* out, Need need) {
  Status st;
  const nlohmann::json* j = Find(key, need, &st);
  if (!j) return st;
  if (!j->is_boolean()) return WrongType(FieldName(key), "true or false", *j);
  *out = j->get<bool>();
  return Status::Ok();
}

Status JsonReader::Get(const char* key, int* out, Need need) {
  std::optional<std::int64_t> v;
  Status st;
  if (!Find(key, need, &st)) return st;
  PINEAL_RETURN_IF_ERROR(Get(key, &v));
  if (*v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max()) {
    return Status::InvalidArgument("is out of range", FieldName(key));
  }
  *out = static_cast<int>(*v);
  return Status::Ok();
}

Status JsonReader::Get(const char* key, std::optional<double>* out) {
  Status st;
  const nlohmann::json* j = Find(key, Need::kOptional, &st);
  if (!j) {
    out->reset();
    return Status::Ok();
  }
  if (!j->is_number()) return WrongType(FieldName(key), "a number", *j);
  double v = j->get<double>();
  if (!std::isfinite(v)) return Status::InvalidArgument("must be a finite number", FieldName(key));
  *out = v;
  return Status::Ok();
}

Status JsonReader::Get(const char* key, std::optional<std::int64_t>* out) {
  Status st;
  const nlohmann::json* j = Find(key, Need::kOptional, &st);
  if (!j) {
    out->reset();
    return Status::Ok();
  }
  if (!j->is_number_integer()) return WrongType(FieldName(key), "a whole number", *j);
  *out = j->get<std::int64_t>();
  return Status::Ok();
}

Status JsonReader::Get(const char* key, std::optional<Instant>* out, Need need) {
  Status st;
  const nlohmann::json* j = Find(key, need, &st);
  if (!j) {
    if (st.ok()) out->reset();
    return st;
  }
  if (!j->is_string()) return WrongType(FieldName(key), "an ISO 8601 time string", *j);
  auto t = ParseInstant(j->get<std::string>());
  if (!t.ok()) return Status::InvalidArgument(t.status().message(), FieldName(key));
  *out = *t;
  return Status::Ok();
}

Status JsonReader::Get(const char* key, Instant* out, Need need) {
  std::optional<Instant> v;
  PINEAL_RETURN_IF_ERROR(Get(key, &v, need));
  if (v) *out = *v;
  return Status::Ok();
}

Status JsonReader::Get(const char* key, std::optional<LocalDate>* out) {
  Status st;
  const nlohmann::json* j = Find(key, Need::kOptional, &st);
  if (!j) {
    out->reset();
    return Status::Ok();
  }
  if (!j->is_string()) return WrongType(FieldName(key), "a date string YYYY-MM-DD", *j);
  auto d = ParseDate(j->get<std::string>());
  if (!d.ok()) return Status::InvalidArgument(d.status().message(), FieldName(key));
  *out = *d;
  return Status::Ok();
}

Status JsonReader::Get(const char* key, LocalDate* out, Need need) {
  Status st;
  if (!Find(key, need, &st)) return st;
  std::optional<LocalDate> v;
  PINEAL_RETURN_IF_ERROR(Get(key, &v));
  *out = *v;
  return Status::Ok();
}

Status JsonReader::Get(const char* key, std::vector<std::string>* out) {
  Status st;
  const nlohmann::json* j = Find(key, Need::kOptional, &st);
  if (!j) return Status::Ok();
  if (!j->is_array()) return WrongType(FieldName(key), "an array of strings", *j);
  std::vector<std::string> values;
  for (size_t i = 0; i < j->size(); ++i) {
    const auto& item = (*j)[i];
    if (!item.is_string()) {
      return WrongType(FieldName(key) + "[" + std::to_string(i) + "]", "a string", item);
    }
    values.push_back(item.get<std::string>());
  }
  *out = std::move(values);
  return Status::Ok();
}

template <Dimension D>
Status JsonReader::Get(const char* key, std::optional<Quantity<D>>* out, Need need) {
  Status st;
  const nlohmann::json* j = Find(key, need, &st);
  if (!j) {
    if (st.ok()) out->reset();
    return st;
  }
  Result<Quantity<D>> q = Status::Internal("unset");
  if (j->is_string()) {
    q = Quantity<D>::Parse(j->get<std::string>());
  } else if (j->is_object()) {
    JsonReader inner(*j, FieldName(key));
    std::optional<double> value;
    std::string unit;
    PINEAL_RETURN_IF_ERROR(inner.Get("value", &value));
    if (!value) return Status::InvalidArgument("is required", inner.FieldName("value"));
    PINEAL_RETURN_IF_ERROR(inner.Get("unit", &unit, Need::kRequired));
    PINEAL_RETURN_IF_ERROR(inner.RejectUnknown());
    q = Quantity<D>::Make(*value, unit);
  } else {
    return WrongType(FieldName(key),
                     (std::string("a ") + std::string(DimensionName(D)) +
                      " such as \"3 mg\" or {\"value\": 3, \"unit\": \"mg\"}")
                         .c_str(),
                     *j);
  }
  if (!q.ok()) return Status::InvalidArgument(q.status().message(), FieldName(key));
  *out = *q;
  return Status::Ok();
}

template <Dimension D>
Status JsonReader::Get(const char* key, Quantity<D>* out, Need need) {
  std::optional<Quantity<D>> v;
  PINEAL_RETURN_IF_ERROR(Get(key, &v, need));
  if (v) *out = *v;
  return Status::Ok();
}

template Status JsonReader::Get(const char*, std::optional<Mass>*, Need);
template Status JsonReader::Get(const char*, Mass*, Need);
template Status JsonReader::Get(const char*, std::optional<BodyWeight>*, Need);
template Status JsonReader::Get(const char*, BodyWeight*, Need);

Status JsonReader::RejectUnknown() const {
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    if (seen_.count(it.key()) == 0) {
      // Every Get and Raw has run by now, so seen_ holds the fields allowed here.
      std::string allowed;
      for (const std::string& key : seen_) allowed += (allowed.empty() ? "" : ", ") + key;
      return Status::InvalidArgument("is not a known field here (allowed: " + allowed + ")",
                                     FieldName(it.key().c_str()));
    }
  }
  return Status::Ok();
}

nlohmann::json OptDate(const std::optional<LocalDate>& date) {
  return date ? nlohmann::json(FormatDate(*date)) : nlohmann::json(nullptr);
}

}  // namespace pineal::codec
