#pragma once
// Where workshop sessions come from, behind one interface; each fetch is blocking (a task runs it).
//   ContentWorkshops           a TOML file of the content (places taking bookings by phone: call-back).
//   HubWorkshops               a hub speaking the kiosk booking protocol
//   (docs/booking-protocol.openapi.yaml):
//                              GET {base}/v1/sessions, bearer token per kiosk, ETag / If-None-Match.
//   RdvServicePublicWorkshops  RDV Service Public API v1 (betagouv/rdv-service-public, swagger/v1/api.json):
//                              GET /api/v1/organisations/{id}/rdvs (OAuth 2 bearer from a Doorkeeper
//                              application granted by the hub), the collective rdvs kept (`collectif`,
//                              `max_participants_count` - `users_count` = seats left; revoked or cancelled
//                              ones dropped). 100 a page, `meta.next_page` followed.
// And RDV Service Public's writing side, for the hub's relay (the kiosk never holds the citizen's data in
// clear once its session is wiped, so it is the hub that adds the participant): POST /api/v1/users, then
// POST /api/v1/rdvs/{rdv_id}/participations. And its one public endpoint, GET /api/v1/public_links.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/core/booking/workshop.hpp"

namespace kiosk::booking {

struct FetchResult {
    bool ok = false;
    bool not_modified = false;  // 304: the cached sessions stand
    std::vector<Workshop> sessions;
    std::string etag;
    std::string error;  // for the log and the agent: "HTTP 500", "network: …", "bad JSON"
};

class WorkshopSource {
  public:
    virtual ~WorkshopSource() = default;
    virtual std::string name() const = 0;  // "content", "hub", "rdvsp"
    // `etag`: what the last successful fetch returned; `today`: the kiosk's local date (pinned in tests).
    virtual FetchResult fetch(const std::string& etag, const hours::LocalDate& today) = 0;
};

class ContentWorkshops final : public WorkshopSource {
  public:
    explicit ContentWorkshops(std::filesystem::path file) : file_(std::move(file)) {}
    std::string name() const override { return "content"; }
    FetchResult fetch(const std::string& etag, const hours::LocalDate& today) override;

  private:
    std::filesystem::path file_;
};

class HubWorkshops final : public WorkshopSource {
  public:
    HubWorkshops(std::string base_url, std::string token, std::string kiosk_id, long timeout_ms = 5000)
        : base_(std::move(base_url)),
          token_(std::move(token)),
          kiosk_(std::move(kiosk_id)),
          timeout_(timeout_ms) {}
    std::string name() const override { return "hub"; }
    FetchResult fetch(const std::string& etag, const hours::LocalDate& today) override;

  private:
    std::string base_, token_, kiosk_;
    long timeout_;
};

struct RdvSpOrganisation {
    std::string id;           // the organisation's id in RDV Service Public
    std::string place_id;     // the place of the national standard it runs (places::Place::id), may be empty
    std::string public_link;  // its public booking page (from public_links), for the ticket's QR code
    std::string phone;
};

class RdvServicePublicWorkshops final : public WorkshopSource {
  public:
    RdvServicePublicWorkshops(std::string base_url, std::string token, std::vector<RdvSpOrganisation> orgs,
                              long timeout_ms = 5000)
        : base_(std::move(base_url)),
          token_(std::move(token)),
          orgs_(std::move(orgs)),
          timeout_(timeout_ms) {}
    std::string name() const override { return "rdvsp"; }
    FetchResult fetch(const std::string& etag, const hours::LocalDate& today) override;

  private:
    std::string base_, token_;
    std::vector<RdvSpOrganisation> orgs_;
    long timeout_;
};

// One rdv of RDV Service Public's JSON as a session (nothing when it is not an open collective one).
std::optional<Workshop> workshop_from_rdv(const std::string& rdv_json, const RdvSpOrganisation& org);
// The standard's service categories a session's name speaks of (RDV-SP's motifs are free text).
std::uint16_t services_from_words(const std::string& text);
Level level_from_words(const std::string& text);

struct Participant {
    std::string first_name, last_name, phone, email;  // phone in international format, or empty
};
enum class AddOutcome { Added, Full, Retry, Refused };
struct AddResult {
    AddOutcome outcome = AddOutcome::Retry;
    std::string detail;
};
// Adds `who` to the collective rdv `rdv_id` of `organisation_id`: creates the user, then the participation.
AddResult add_participant(const std::string& base_url, const std::string& token,
                          const std::string& organisation_id, const std::string& rdv_id,
                          const Participant& who, long timeout_ms = 5000);

// GET /api/v1/public_links?territory=42 → external_id → public_link.
std::optional<std::map<std::string, std::string>> fetch_public_links(const std::string& base_url,
                                                                     const std::string& territory,
                                                                     long timeout_ms = 5000);

}  // namespace kiosk::booking
