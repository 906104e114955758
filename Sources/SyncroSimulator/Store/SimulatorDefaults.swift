import RecordFormats

/// The settings objects used when a dataset has none, modelled on the OpenAPI examples.
package enum SimulatorDefaults {
    /// The statuses of `GET /tickets/settings` (`ticket_status_list`).
    package static let ticketStatuses: [String] = [
        "New", "In Progress", "Resolved", "Invoiced", "Waiting for Parts", "Waiting on Customer", "Scheduled",
        "Customer Reply",
    ]

    /// The problem types of `GET /settings` (`ticket.problem_types`).
    package static let problemTypes: [String] = ["Virus", "TuneUp", "Hardware", "Software", "Other"]

    /// The priorities of `GET /settings` (`ticket.priorities`).
    package static let priorities: [String] = ["", "0 Urgent", "1 High", "2 Normal", "3 Low"]

    /// Asset types as `{id, name}` (`assets.asset_types`).
    package static let assetTypes: [String] = [
        "Laptop", "Desktop", "Server", "Firewall", "Switch", "Printer", "Wireless Access Point",
    ]

    /// The body of `GET /settings`.
    package static var settings: JSONObject {
        [
            "customers": ["required_fields": nil, "customer_fields": [], "customer_field_answers": []],
            "assets": [
                "asset_types": .array(
                    assetTypes.enumerated().map { ["id": .int($0.offset + 1), "name": .string($0.element)] }
                ),
                "asset_type_fields": [], "asset_type_field_answers": [],
            ],
            "locale": [
                "iso_code": "en", "currency_symbol": "$", "date_format": "mm-dd-yy", "time_format": "hh:mm tt",
                "time_zone": "America/Los_Angeles", "time_offset": "-08:00",
            ],
            "ticket": [
                "ticket_types": [], "ticket_type_fields": [], "ticket_type_field_answers": [],
                "problem_types": .array(problemTypes.map(JSONValue.string)),
                "priorities": .array(priorities.map(JSONValue.string)),
            ],
            "business_hours_enabled": true,
            "business_hours": .array(
                ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"].map { day in
                    let weekend = day == "Sunday" || day == "Saturday"
                    return ["day": .string(day), "start": "08:00", "end": "17:00", "closed": .bool(weekend)]
                }
            ),
            "default_holiday_calendar": "USA",
            "msp_addon": nil,
        ]
    }

    /// The body of `GET /tickets/settings` (its `users` are filled from the dataset's users).
    package static var ticketSettings: JSONObject {
        [
            "ticket_status_list": .array(ticketStatuses.map(JSONValue.string)),
            "default_labor_product_id": nil,
            "ticket_timer_charge_by_default": nil,
            "saved_searches": [],
            "ticket_types": [],
            "ticket_type_fields": [],
            "ticket_type_field_answers": [],
            "appointment_types": [],
            "users": [],
            "dashboard_settings": nil,
            "worksheet_templates": [],
            "require_ticket_type": nil,
            "require_intake_form_with_ticket": nil,
            "require_outtake_form_with_ticket": nil,
            "ticket_workflow_default_id": nil,
        ]
    }
}
