import RecordFormats

/// The shapes of the objects the simulator returns, in the key order of the OpenAPI examples.
package enum SyncroShapes {
    /// A customer as `GET /customers` rows and `GET /customers/{id}` return it (with `contacts`).
    package static let customer = RecordShape(
        [
            "id": nil, "firstname": nil, "lastname": nil, "fullname": nil, "business_name": nil, "email": nil,
            "phone": nil, "mobile": nil, "created_at": nil, "updated_at": nil, "pdf_url": nil, "address": nil,
            "address_2": nil, "city": nil, "state": nil, "zip": nil, "latitude": nil, "longitude": nil,
            "notes": nil, "get_sms": false, "opt_out": false, "disabled": false, "no_email": false,
            "location_name": nil, "location_id": nil, "properties": [:], "online_profile_url": nil,
            "tax_rate_id": nil, "notification_email": nil, "invoice_cc_emails": nil, "invoice_term_id": nil,
            "referred_by": nil, "ref_customer_id": nil, "business_and_full_name": nil, "business_then_name": nil,
            "contacts": [],
        ],
        hidden: ["tag_list"]
    )

    /// A customer embedded in an asset: no `location_name`, no `contacts`.
    package static let assetCustomer = customer.removing(["location_name", "contacts"])

    /// A contact ("end user"), flat everywhere. The last three keys are not in the list example but in the
    /// record the OpenAPI document echoes with a `POST /contacts` 422 (`processed_phone`, `processed_mobile`), and
    /// in the rows real accounts return (`ticket_matching_emails`, a string, as two clients type it).
    package static let contact = RecordShape([
        "id": nil, "name": nil, "address1": nil, "address2": nil, "city": nil, "state": nil, "zip": nil,
        "email": nil, "phone": nil, "mobile": nil, "latitude": nil, "longitude": nil, "customer_id": nil,
        "account_id": nil, "notes": nil, "created_at": nil, "updated_at": nil, "vendor_id": nil,
        "properties": [:], "opt_out": false, "extension": nil, "processed_phone": nil, "processed_mobile": nil,
        "ticket_matching_emails": nil,
    ])

    /// An asset as `GET /customer_assets` rows return it.
    package static let asset = RecordShape([
        "id": nil, "name": nil, "customer_id": nil, "contact_id": nil, "created_at": nil, "updated_at": nil,
        "properties": [:], "asset_type": nil, "asset_serial": nil, "external_rmm_link": nil, "customer": nil,
        "rmm_links": [], "rmm_store": nil, "address": nil,
    ])

    /// An asset as `GET /customer_assets/{id}` returns it (adds `has_live_chat` and `snmp_enabled`).
    package static let assetDetail = asset.adding(["has_live_chat": false, "snmp_enabled": false])

    /// A user as `GET /users/{id}` returns it.
    package static let user = RecordShape([
        "id": nil, "email": nil, "full_name": nil, "created_at": nil, "updated_at": nil, "group": nil,
        "admin": false, "color": nil,
    ])

    /// A product as `GET /products` rows return it.
    package static let product = RecordShape([
        "id": nil, "price_cost": nil, "price_retail": nil, "condition": nil, "description": nil,
        "maintain_stock": false, "name": nil, "quantity": nil, "warranty": nil, "sort_order": nil,
        "reorder_at": nil, "disabled": false, "taxable": true, "product_category": nil, "category_path": nil,
        "upc_code": nil, "discount_percent": nil, "warranty_template_id": nil, "qb_item_id": nil,
        "desired_stock_level": nil, "price_wholesale": nil, "notes": nil, "tax_rate_id": nil,
        "physical_location": nil, "serialized": false, "vendor_ids": [], "product_skus": [],
        "long_description": nil, "location_quantities": [], "photos": [],
    ])

    /// A comment inside a ticket and in the `POST /tickets/{id}/comment` answer.
    package static let comment = RecordShape(
        [
            "id": nil, "created_at": nil, "updated_at": nil, "ticket_id": nil, "subject": nil, "body": nil,
            "tech": nil, "hidden": false, "user_id": nil,
        ],
        hidden: ["is_rich_text", "do_not_email", "sms_body"]
    )

    /// A comment as `GET /tickets/{id}/comments` returns it.
    package static let listedComment = RecordShape(
        [
            "id": nil, "created_at": nil, "updated_at": nil, "ticket_id": nil, "subject": nil, "body": nil,
            "tech": nil, "hidden": false, "user_id": nil, "is_rich_text": false, "user": [:],
        ], hidden: ["do_not_email", "sms_body"])

    /// A ticket row of `GET /tickets`.
    package static let ticketRow = RecordShape(
        [
            "id": nil, "number": nil, "subject": nil, "created_at": nil, "customer_id": nil,
            "customer_business_then_name": nil, "due_date": nil, "resolved_at": nil, "start_at": nil,
            "end_at": nil, "location_id": nil, "location_name": nil, "problem_type": nil, "status": nil,
            "ticket_type_id": nil, "ticket_type_name": nil, "properties": [:], "user_id": nil, "updated_at": nil,
            "pdf_url": nil, "priority": nil, "billing_status": nil, "tag_list": [], "sla_name": nil,
            "creator_name_or_email": nil, "contact_fullname": nil, "contract_name": nil, "address_id": nil,
            "parent": false, "parent_id": nil, "child": false, "recurring": false, "customer_reply": false,
            "total_formatted_billable_time": nil, "contact_id": nil, "sla_breached": false,
            "sla_breaching_soon": false, "contract_id": nil, "sla_id": nil, "customer_tag_list": [],
            "resolution_time": nil, "response_time": nil, "customer_icons": [], "comments": [], "user": nil,
        ],
        hidden: ticketDetailOnly
    )

    /// A ticket as `GET/PUT/POST /tickets[/{id}]` return it, inside `{"ticket": …}`.
    package static let ticketDetail = RecordShape(
        [
            "id": nil, "number": nil, "subject": nil, "created_at": nil, "customer_id": nil,
            "customer_business_then_name": nil, "due_date": nil, "start_at": nil, "end_at": nil,
            "location_id": nil, "problem_type": nil, "status": nil, "properties": [:], "user_id": nil,
            "updated_at": nil, "pdf_url": nil, "intake_form_html": nil, "signature_name": nil,
            "signature_date": nil, "asset_ids": [], "priority": nil, "resolved_at": nil, "outtake_form_name": nil,
            "outtake_form_date": nil, "outtake_form_html": nil, "comments": [], "attachments": [],
            "ticket_timers": [], "line_items": [], "worksheet_results": [], "assets": [], "appointments": [],
            "ticket_fields": [], "ticket_answers": [], "tag_list": [], "customer": nil, "contact": nil,
            "user": nil, "ticket_type": nil, "address": nil,
        ],
        hidden: ticketRowOnly
    )

    /// Stored ticket keys that only the detail view shows.
    static let ticketDetailOnly: Set<String> = [
        "intake_form_html", "signature_name", "signature_date", "asset_ids", "outtake_form_name",
        "outtake_form_date", "outtake_form_html", "attachments", "ticket_timers", "line_items",
        "worksheet_results", "assets", "appointments", "ticket_fields", "ticket_answers", "customer", "contact",
        "ticket_type", "address",
    ]

    /// Stored ticket keys that only list rows show (the detail view adds `contact_id` and `ticket_type_id` itself
    /// when configured).
    static let ticketRowOnly: Set<String> = [
        "location_name", "ticket_type_name", "billing_status", "sla_name", "creator_name_or_email",
        "contact_fullname", "contract_name", "address_id", "parent", "parent_id", "child", "recurring",
        "customer_reply", "total_formatted_billable_time", "contact_id", "sla_breached", "sla_breaching_soon",
        "contract_id", "sla_id", "customer_tag_list", "resolution_time", "response_time", "customer_icons",
        "ticket_type_id",
    ]

    /// The `rmm_store` of an asset whose record has none.
    package static func defaultRMMStore(assetID: Int, createdAt: JSONValue) -> JSONValue {
        let triggers = [
            "bsod_triggered", "time_triggered", "no_av_triggered", "defrag_triggered", "firewall_triggered",
            "app_crash_triggered", "low_hd_space_triggered", "smart_failure_triggered",
            "device_manager_triggered", "agent_offline_triggered",
        ]
        return [
            "id": .int(assetID), "asset_id": .int(assetID), "account_id": 1,
            "triggers": .object(JSONObject(triggers.map { ($0, JSONValue.string("false")) })),
            "windows_updates": [:], "emsisoft": [:], "general": [:], "created_at": createdAt,
            "updated_at": createdAt, "override_alert_agent_offline_mins": nil,
            "override_alert_agent_rearm_after_mins": nil, "override_low_hd_threshold": nil,
            "override_autoresolve_offline_alert": nil,
        ]
    }
}
