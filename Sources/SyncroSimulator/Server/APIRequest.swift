import RecordFormats

/// An API request as the store sees it: routed, authenticated and with its JSON body parsed.
package struct APIRequest: Sendable {
    package var route: SimulatorRoute
    package var query: QueryParameters
    /// The parsed body; an empty body is an empty object.
    package var body: JSONObject
    package var token: SimulatorToken

    package init(route: SimulatorRoute, query: QueryParameters, body: JSONObject, token: SimulatorToken) {
        self.route = route
        self.query = query
        self.body = body
        self.token = token
    }
}
